namespace ReleaseBot.Notifications;

/// <summary>Why a delivery failed, as the sender must treat it.</summary>
public enum FailureKind
{
    /// <summary>Throttled (429), precondition (412), server error (5xx) or timeout: try again later.</summary>
    Transient,
    /// <summary>The bot was removed from the conversation (403/404): stop writing there.</summary>
    Gone,
    /// <summary>Anything else (400, a card Teams refuses): retrying will not help.</summary>
    Permanent,
    /// <summary>A person the bot cannot write to yet: the message waits until they first talk to the bot.</summary>
    Unreachable,
}
