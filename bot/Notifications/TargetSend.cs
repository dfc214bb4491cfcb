namespace ReleaseBot.Notifications;

/// <summary>Requests made to one target (conversation) at one moment, counted by every instance's sender.</summary>
public sealed class TargetSend
{
    public long Id { get; set; }
    public required string Target { get; set; }
    /// <summary>Milliseconds since the Unix epoch: a number, which both providers compare in SQL.</summary>
    public long AtUnixMs { get; set; }
    public int Requests { get; set; }
}
