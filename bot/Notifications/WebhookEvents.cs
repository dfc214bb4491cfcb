namespace ReleaseBot.Notifications;

/// <summary>The names of release events for webhooks (their subscriptions, their X-ReleaseBot-Event header).</summary>
public static class WebhookEvents
{
    public static readonly IReadOnlyList<(NotificationEvent Event, string Name)> Names =
    [
        (NotificationEvent.Registered, "registered"),
        (NotificationEvent.TaskAssigned, "assigned"),
        (NotificationEvent.ExecutionSaved, "saved"),
        (NotificationEvent.FlowAdvanced, "advanced"),
        (NotificationEvent.Resolved, "resolved"),
        (NotificationEvent.NotResolved, "notResolved"),
        (NotificationEvent.NoteAdded, "noteAdded"),
        (NotificationEvent.Suspended, "suspended"),
        (NotificationEvent.Resumed, "resumed"),
        (NotificationEvent.Cancelled, "cancelled"),
        (NotificationEvent.Reopened, "reopened"),
        (NotificationEvent.HandedOver, "handedOver"),
        (NotificationEvent.Approved, "approved"),
        (NotificationEvent.Rejected, "rejected"),
    ];

    public const NotificationEvent Any = NotificationEvent.All | NotificationEvent.NoteAdded;

    /// <summary>The flags of the names given ("*" is every event); null with the first unknown name.</summary>
    public static (NotificationEvent Events, string? Unknown) Parse(IEnumerable<string?> names)
    {
        var events = NotificationEvent.None;
        foreach (var name in names.Select(n => n?.Trim() ?? ""))
        {
            if (name == "*") events |= Any;
            else if (Names.FirstOrDefault(n => n.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } known) events |= known.Event;
            else return (NotificationEvent.None, name);
        }
        return (events, null);
    }

    public static IReadOnlyList<string> NamesOf(NotificationEvent events) => [.. Names.Where(n => (events & n.Event) != 0).Select(n => n.Name)];

    /// <summary>The name an event is delivered under: its most telling one (an advance that resolved the release is "resolved").</summary>
    public static string NameOf(NotificationEvent what) =>
        (what & NotificationEvent.Resolved) != 0 ? "resolved"
        : (what & NotificationEvent.NotResolved) != 0 ? "notResolved"
        : Names.First(n => (what & n.Event) != 0).Name;
}
