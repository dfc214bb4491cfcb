namespace ReleaseBot.Notifications;

/// <summary>
/// A machine that wants to hear of release events (a pipeline waiting on a release, an ITSM tool closing a ticket): each
/// matching event is POSTed to its URL as JSON through the outbox, signed with its secret.
/// </summary>
public sealed class Webhook
{
    public const int MaxUrlLength = 2000;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 200;

    public long Id { get; set; }
    public required string Url { get; set; }
    public NotificationEvent Events { get; set; }
    /// <summary>Signs every body (HMAC-SHA256); kept to sign, never shown again.</summary>
    public required string Secret { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Who created it: the API key's name.</summary>
    public required string CreatedBy { get; set; }

    public string Target => NotificationTarget.Webhook(Id);
}
