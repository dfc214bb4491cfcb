namespace ReleaseBot.Notifications;

/// <summary>A channel that asked to be told about releases, with its filters.</summary>
public sealed class ChannelSubscription
{
    public int Id { get; set; }
    public required string Target { get; set; }
    public int? ExecutorGroupId { get; set; }
    public string? ReleaseType { get; set; }
    public NotificationEvent Events { get; set; }
    /// <summary>The language of whoever subscribed: the channel's posts are written in it.</summary>
    public required string Language { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
