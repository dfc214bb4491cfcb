namespace ReleaseBot.Notifications;

/// <summary>Settings of the reminders (<c>Notifications:Reminders</c>).</summary>
public sealed class ReminderOptions
{
    /// <summary>How often the database is looked at for releases to remind of.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How long before its planned start an unassigned release is reminded of.</summary>
    public TimeSpan Lead { get; set; } = TimeSpan.FromMinutes(30);
}
