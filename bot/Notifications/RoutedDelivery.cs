namespace ReleaseBot.Notifications;

/// <summary>Sends each outbox message the way its target takes it: webhooks over HTTP, everything else through Teams.</summary>
public sealed class RoutedDelivery(BotDelivery teams, WebhookDelivery webhooks) : INotificationDelivery
{
    public async Task<bool> DeliverAsync(OutboxMessage message, int requests, CancellationToken cancellationToken)
    {
        if (!NotificationTarget.IsWebhook(message.Target)) return await teams.DeliverAsync(message, requests, cancellationToken);
        await webhooks.DeliverAsync(message, cancellationToken);
        return true;
    }

    public Task ForgetTargetAsync(string target, CancellationToken cancellationToken) =>
        NotificationTarget.IsWebhook(target) ? webhooks.ForgetAsync(target, cancellationToken) : teams.ForgetTargetAsync(target, cancellationToken);
}
