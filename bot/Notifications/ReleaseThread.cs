namespace ReleaseBot.Notifications;

/// <summary>The thread of a release in a channel: its root card, edited to the latest state, and the replies under it.</summary>
public sealed class ReleaseThread
{
    public int Id { get; set; }
    public required string Target { get; set; }
    public int ReleaseId { get; set; }
    public required string ThreadConversationId { get; set; }
    public required string RootActivityId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
