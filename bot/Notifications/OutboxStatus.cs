namespace ReleaseBot.Notifications;

/// <summary>Where an outbox message stands.</summary>
public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}
