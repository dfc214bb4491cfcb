namespace ReleaseBot.Notifications;

/// <summary>Delivers one outbox message to Teams; throws <see cref="DeliveryException"/> when it could not.</summary>
public interface INotificationDelivery
{
    /// <summary>
    /// Delivers the message in at most <paramref name="requests"/> requests. Returns false when it stopped there with a
    /// request left: a channel notification whose card went, and whose reply goes when the conversation's windows have room.
    /// </summary>
    Task<bool> DeliverAsync(OutboxMessage message, int requests, CancellationToken cancellationToken);

    /// <summary>The conversation is gone (403/404): end what targets it, e.g. its subscriptions.</summary>
    Task ForgetTargetAsync(string target, CancellationToken cancellationToken);
}
