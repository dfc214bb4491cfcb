namespace ReleaseBot.Notifications;

/// <summary>Sends each outbox message the way its target takes it: webhooks over HTTP, everything else through Teams.</summary>
public sealed class RoutedDelivery(BotDelivery teams, WebhookDelivery webhooks) : INotificationDelivery
{
    public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        NotificationTarget.IsWebhook(message.Target) ? webhooks.DeliverAsync(message, cancellationToken) : teams.DeliverAsync(message, cancellationToken);

    public Task ForgetTargetAsync(string target, CancellationToken cancellationToken) =>
        NotificationTarget.IsWebhook(target) ? webhooks.ForgetAsync(target, cancellationToken) : teams.ForgetTargetAsync(target, cancellationToken);
}
