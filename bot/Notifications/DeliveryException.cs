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

    /// <summary>
    /// What an error answer of the Bot Connector means for the sender: throttling (429), a conflicting edit (412) and
    /// server errors pass (again after Retry-After, seconds or a date); 403 and 404 mean the bot was removed or the
    /// conversation is gone; anything else is refused for good.
    /// </summary>
    public static DeliveryException OfAnswer(int status, string? reason, string? retryAfter, string? content, Exception? inner = null) => status switch
    {
        429 or 412 or >= 500 => new DeliveryException(FailureKind.Transient, $"{status} {reason}", RetryAfterOf(retryAfter), inner) { StatusCode = status },
        403 or 404 => new DeliveryException(FailureKind.Gone, $"{status} {reason}", inner: inner) { StatusCode = status },
        _ => new DeliveryException(FailureKind.Permanent, $"{status} {content}", inner: inner) { StatusCode = status },
    };

    private static TimeSpan? RetryAfterOf(string? value)
    {
        if (value is null) return null;
        if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
        return DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at - DateTimeOffset.UtcNow
            : null;
    }
}
