namespace ReleaseBot.Notifications;

/// <summary>A delivery that failed, and how the sender must treat it.</summary>
public sealed class DeliveryException(FailureKind kind, string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public FailureKind Kind { get; } = kind;
    /// <summary>The server's Retry-After, when it said one.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
    /// <summary>The HTTP status Teams answered, when it answered one.</summary>
    public int? StatusCode { get; init; }
    /// <summary>How many requests reached Teams in this attempt, when fewer than the message's all.</summary>
    public int? RequestsMade { get; init; }
    /// <summary>A channel's message whose card went before its reply failed: the retry only replies.</summary>
    public bool CardPosted { get; init; }

    public DeliveryException After(int requestsMade, bool cardPosted) =>
        new(Kind, Message, RetryAfter, InnerException) { StatusCode = StatusCode, RequestsMade = requestsMade, CardPosted = cardPosted };
}
