namespace ReleaseBot.Notifications;

/// <summary>An activity already handled: Teams may deliver the same one again.</summary>
public sealed class ProcessedActivity
{
    public required string ActivityId { get; set; }
    /// <summary>When it was handled, in UTC (a type every database engine compares).</summary>
    public DateTime At { get; set; }
}
