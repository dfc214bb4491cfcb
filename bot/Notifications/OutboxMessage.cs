namespace ReleaseBot.Notifications;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// One notification to deliver, written in the same transaction as the release change it announces.
/// The sender delivers each target's messages in order, retrying with backoff, and parks a message as
/// failed after its last attempt instead of dropping it.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    /// <summary>Where it goes: <see cref="NotificationTarget"/>'s text form, e.g. "channel:19:abc@thread.tacv2" or "user:&lt;aad id&gt;".</summary>
    public required string Target { get; set; }
    public int ReleaseId { get; set; }
    /// <summary>The revision of the release whose execution log entry the notification announces.</summary>
    public int Revision { get; set; }
    public NotificationEvent Event { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>A sender that took the message holds it until then; another may take it afterwards.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }
    public string? LeaseOwner { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>What happened to a release, as subscribers choose it.</summary>
[Flags]
public enum NotificationEvent
{
    None = 0,
    TaskAssigned = 1,
    ExecutionSaved = 2,
    FlowAdvanced = 4,
    Resolved = 8,
    NotResolved = 16,
    All = TaskAssigned | ExecutionSaved | FlowAdvanced | Resolved | NotResolved,
}

/// <summary>Why a delivery failed, as the sender must treat it.</summary>
public enum FailureKind
{
    /// <summary>Throttled (429), precondition (412), server error (5xx) or timeout: try again later.</summary>
    Transient,
    /// <summary>The bot was removed from the conversation (403/404): stop writing there.</summary>
    Gone,
    /// <summary>Anything else (400, a card Teams refuses): retrying will not help.</summary>
    Permanent,
}

public sealed class DeliveryException(FailureKind kind, string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public FailureKind Kind { get; } = kind;
    /// <summary>The server's Retry-After, when it said one.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>Delivers one outbox message to Teams; throws <see cref="DeliveryException"/> when it could not.</summary>
public interface INotificationDelivery
{
    Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>The conversation is gone (403/404): end what targets it, e.g. its subscriptions.</summary>
    Task ForgetTargetAsync(string target, CancellationToken cancellationToken);
}
