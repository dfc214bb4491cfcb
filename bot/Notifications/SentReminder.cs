namespace ReleaseBot.Notifications;

/// <summary>
/// A reminder planned for a release: one per release, kind and moment (its planned start or end then), whichever
/// instance comes first; a unique key keeps the others from planning it again.
/// </summary>
public sealed class SentReminder
{
    public long Id { get; set; }
    public int ReleaseId { get; set; }
    public NotificationEvent Kind { get; set; }
    /// <summary>The planned start (reminders) or end (overdue) it was about, in Unix milliseconds: a new plan is a new window.</summary>
    public long ForMs { get; set; }
    public DateTimeOffset PlannedAt { get; set; }
}
