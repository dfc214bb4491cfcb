using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ReleaseBot.Diagnostics;

/// <summary>
/// The bot's own traces and metrics, named "ReleaseBot": exported by OpenTelemetry when an OTLP endpoint is
/// configured, and free when nothing listens.
/// </summary>
public static class ReleaseBotTelemetry
{
    public const string Name = "ReleaseBot";

    public static readonly ActivitySource Traces = new(Name);
    public static readonly Meter Meter = new(Name);

    /// <summary>Turns by <c>kind</c> (message, action, other) and <c>outcome</c> (answered, failed).</summary>
    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("releasebot.turns", description: "Turns by kind and outcome");

    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("releasebot.turn.duration", "ms", "How long a turn took");

    /// <summary>Refused changes by <c>reason</c> (a RefusalReason).</summary>
    public static readonly Counter<long> Refusals = Meter.CreateCounter<long>("releasebot.refusals", description: "Refused requests by reason");

    /// <summary>Outbox deliveries by <c>outcome</c> (sent, retrying, parked, gone, waiting).</summary>
    public static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("releasebot.outbox.deliveries", description: "Outbox deliveries by outcome");

    /// <summary>Calls Teams answered 429, by <c>path</c> (reply, outbox).</summary>
    public static readonly Counter<long> Throttled = Meter.CreateCounter<long>("releasebot.connector.throttled", description: "Calls to the Bot Connector answered 429");

    private static OutboxFigures outbox = new(0, 0, 0, 0);

    /// <summary>The outbox as the sender last saw it.</summary>
    public sealed record OutboxFigures(int Pending, int Failed, int WaitingForPeople, double OldestPendingSeconds);

    static ReleaseBotTelemetry()
    {
        Meter.CreateObservableGauge("releasebot.outbox.depth", () => outbox.Pending, description: "Notifications and replies waiting to be delivered");
        Meter.CreateObservableGauge("releasebot.outbox.age", () => outbox.OldestPendingSeconds, "s", "How long the oldest pending message has waited");
        Meter.CreateObservableGauge("releasebot.outbox.parked", () => outbox.Failed, description: "Messages parked after their last attempt");
        Meter.CreateObservableGauge("releasebot.outbox.waiting_for_people", () => outbox.WaitingForPeople, description: "Personal messages for people not reachable yet");
    }

    public static void ReportOutbox(OutboxFigures figures) => outbox = figures;
}
