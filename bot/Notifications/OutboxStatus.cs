namespace ReleaseBot.Notifications;

/// <summary>Where an outbox message stands.</summary>
public enum OutboxStatus
{
    Pending,
    Sent,
    /// <summary>Parked after its last attempt, or refused for good: kept for a person to look at.</summary>
    Failed,
    /// <summary>For a person the bot cannot reach yet (never met, app not installed for them): sent when they first talk to the bot.</summary>
    Waiting,
    /// <summary>Waited longer than <see cref="OutboxSenderOptions.WaitForPersonUpTo"/>: given up, as configured.</summary>
    Expired,
}
