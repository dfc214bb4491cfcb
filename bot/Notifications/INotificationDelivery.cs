namespace ReleaseBot.Notifications;

/// <summary>Delivers one outbox message to Teams; throws <see cref="DeliveryException"/> when it could not.</summary>
public interface INotificationDelivery
{
    Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>The conversation is gone (403/404): end what targets it, e.g. its subscriptions.</summary>
    Task ForgetTargetAsync(string target, CancellationToken cancellationToken);
}
