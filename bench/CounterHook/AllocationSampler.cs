using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.IO;
using System.Linq;

/// <summary>
/// With RELEASEBOT_BENCH_ALLOCATIONS set to a file, samples the process's allocations by type (the runtime's
/// allocation tick, about one event per 100 KB) and writes the 40 heaviest types there at each counter read:
/// where to look when the bytes per turn are too many.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private static readonly ConcurrentDictionary<string, long> BytesByType = new();
    private static string? file;

    public static void StartIfAsked()
    {
        file = Environment.GetEnvironmentVariable("RELEASEBOT_BENCH_ALLOCATIONS");
        if (!string.IsNullOrEmpty(file)) _ = new AllocationSampler();
    }

    public static void Write()
    {
        if (string.IsNullOrEmpty(file)) return;
        var total = BytesByType.Values.Sum();
        var lines = BytesByType.OrderByDescending(p => p.Value).Take(40)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{100.0 * p.Value / Math.Max(total, 1),5:F1}%  {p.Key}"));
        File.WriteAllLines(file, lines);
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.PayloadNames is null) return;
        var type = Payload(e, "TypeName") as string ?? "?";
        var amount = Convert.ToInt64(Payload(e, "AllocationAmount64") ?? Payload(e, "AllocationAmount") ?? 0L, CultureInfo.InvariantCulture);
        BytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }

    private static object? Payload(EventWrittenEventArgs e, string name)
    {
        var i = e.PayloadNames!.IndexOf(name);
        return i >= 0 ? e.Payload![i] : null;
    }
}
