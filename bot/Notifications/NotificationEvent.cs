namespace ReleaseBot.Notifications;

/// <summary>What happened to a release, as subscribers choose it.</summary>
[Flags]
public enum NotificationEvent
{
    None = 0,
    TaskAssigned = 1,
    ExecutionSaved = 2,
    FlowAdvanced = 4,
    Resolved = 8,
    NotResolved = 16,
    Registered = 32,
    /// <summary>Notes go to webhooks that ask for them; channels see them in the release's card and log.</summary>
    NoteAdded = 64,
    Suspended = 128,
    Resumed = 256,
    Cancelled = 512,
    Reopened = 1024,
    /// <summary>A task handed over, reassigned or given back to its group.</summary>
    HandedOver = 2048,
    Approved = 4096,
    Rejected = 8192,
    /// <summary>The planned start is near and its task is still unassigned (not a change: sent once per release and start).</summary>
    Reminder = 16384,
    /// <summary>The planned end has passed and the release is not resolved (sent once per release and end).</summary>
    Overdue = 32768,
    All = TaskAssigned | ExecutionSaved | FlowAdvanced | Resolved | NotResolved | Registered | Suspended | Resumed | Cancelled | Reopened | HandedOver
        | Approved | Rejected | Reminder | Overdue,
}
