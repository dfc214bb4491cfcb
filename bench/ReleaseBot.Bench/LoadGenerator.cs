using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ReleaseBot.Bench;

public sealed record TeamsUser(string Id, string Name, string AadObjectId)
{
    // Demo users who are members of the groups (see the bot's demo data).
    public static readonly TeamsUser Megan = new("29:megan", "Megan Bowen", "00000000-0000-0000-0000-0000000000021");
    public static readonly TeamsUser Lynne = new("29:lynne", "Lynne Robbins", "00000000-0000-0000-0000-0000000000025");

    /// <summary>A person of its own for each concurrent conversation, member of no group.</summary>
    public static TeamsUser Visitor(int n) => new($"29:bench-{n}", $"Bench User {n}", $"10000000-0000-0000-0000-{n:D12}");
}

/// <summary>Where a conversation happens: a personal chat, or a channel's thread.</summary>
public sealed record TeamsPlace(string ConversationId, string ConversationType, string? ChannelId)
{
    public static TeamsPlace Personal(TeamsUser user) => new($"a:personal-{user.Id}", "personal", null);

    public static TeamsPlace Channel(string channelId) => new($"{channelId};messageid=1700000000000", "channel", channelId);
}

/// <summary>Activities shaped as Teams sends them, each with a fresh id (a repeated id is a redelivery that the bot skips).</summary>
public static class Activities
{
    public const string BotId = "28:releasebot";
    public const string BotName = "ReleaseBot";
    private const string Tenant = "00000000-0000-0000-0000-0000000000001";

    public static string Message(string serviceUrl, TeamsUser user, TeamsPlace place, string text)
    {
        var activity = Base("message", serviceUrl, user, place);
        if (place.ConversationType == "channel")
        {
            activity["text"] = $"<at>{BotName}</at> {text}";
            activity["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = $"<at>{BotName}</at>",
                ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            });
        }
        else
        {
            activity["text"] = text;
        }
        activity["textFormat"] = "plain";
        return activity.ToJsonString();
    }

    public static string Invoke(string serviceUrl, TeamsUser user, TeamsPlace place, string verb, JsonObject data)
    {
        var activity = Base("invoke", serviceUrl, user, place);
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = Guid.NewGuid().ToString(), ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity.ToJsonString();
    }

    private static JsonObject Base(string type, string serviceUrl, TeamsUser user, TeamsPlace place)
    {
        var now = DateTimeOffset.UtcNow.ToString("o");
        var channelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } };
        if (place.ChannelId is { } channel)
        {
            channelData["team"] = new JsonObject { ["id"] = "19:bench-team@thread.tacv2", ["name"] = "Release Management" };
            channelData["channel"] = new JsonObject { ["id"] = channel, ["name"] = channel };
        }
        return new JsonObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = now,
            ["localTimestamp"] = now,
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = user.Id, ["name"] = user.Name, ["aadObjectId"] = user.AadObjectId },
            ["conversation"] = new JsonObject
            {
                ["id"] = place.ConversationId,
                ["conversationType"] = place.ConversationType,
                ["tenantId"] = Tenant,
                ["isGroup"] = place.ConversationType != "personal",
            },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            ["locale"] = "en-US",
            ["channelData"] = channelData,
        };
    }
}

/// <summary>One concurrent conversation: each call makes one turn (or more) through <see cref="Load.PostAsync"/>.</summary>
public interface IWorker
{
    Task TurnAsync(Load load, CancellationToken ct);
}

/// <summary>What happened in the measured window: the turns that completed in it and their latencies.</summary>
public sealed class Window
{
    private readonly List<double> latencies = new(capacity: 65_536);
    private long errors, writes, refusedWrites;
    public string? FirstError { get; private set; }

    public long Errors => Interlocked.Read(ref errors);

    public long Turns
    {
        get { lock (latencies) return latencies.Count; }
    }
    public long Writes => Interlocked.Read(ref writes);
    public long RefusedWrites => Interlocked.Read(ref refusedWrites);

    public void Turn(double milliseconds)
    {
        lock (latencies) latencies.Add(milliseconds);
    }

    public void Error(string what)
    {
        if (Interlocked.Increment(ref errors) == 1) FirstError = what;
    }

    public void Write(bool applied) => Interlocked.Increment(ref applied ? ref writes : ref refusedWrites);

    public double[] SortedLatencies()
    {
        lock (latencies)
        {
            var sorted = latencies.ToArray();
            Array.Sort(sorted);
            return sorted;
        }
    }
}

/// <summary>Posts activities to one bot; each turn counts in the window that is open when it completes (none during warm-up).</summary>
public sealed class Load(HttpClient http, Uri bot, string serviceUrl)
{
    private Window? window;

    public string ServiceUrl { get; } = serviceUrl;

    public Window? Current => Volatile.Read(ref window);

    public void Open(Window? next) => Volatile.Write(ref window, next);

    /// <summary>One turn: the activity POSTed to /api/messages; the status and the body of the answer (the invoke response).</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string activityJson, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Not cancelled at the end of a run: a turn in flight finishes (within the client's timeout).
            using var content = new StringContent(activityJson, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(bot, "api/messages"), content, CancellationToken.None);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            if (response.StatusCode == HttpStatusCode.OK) Current?.Turn(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            else Current?.Error($"HTTP {(int)response.StatusCode}: {Shorten(body)}");
            return (response.StatusCode, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Current?.Error($"{e.GetType().Name}: {e.Message}");
            return (0, "");
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    /// <summary>
    /// Runs the workers without measuring for the warm-up, then measures for the time given: the bot's counters
    /// are read at both ends of the window. Returns the window and the counters.
    /// </summary>
    public async Task<(Window Window, TimeSpan Elapsed, Counters Before, Counters After, long CallsBefore, long CallsAfter, TimeSpan OwnCpu)> RunAsync(
        IReadOnlyList<IWorker> workers, TimeSpan warmUp, TimeSpan measure, BotProcess process, StandIn standIn, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var deadline = DateTime.UtcNow + warmUp + measure + TimeSpan.FromSeconds(30);
        Open(null);
        var loops = workers.Select(w => Task.Run(() => LoopAsync(w, deadline, stop.Token), CancellationToken.None)).ToArray();
        try
        {
            await Task.Delay(warmUp, ct);
            var before = await process.ReadCountersAsync(ct);
            var callsBefore = standIn.Calls;
            var ownCpu = Environment.CpuUsage.TotalTime;
            var measured = new Window();
            var clock = Stopwatch.StartNew();
            Open(measured);
            await Task.Delay(measure, ct);
            Open(null);
            var elapsed = clock.Elapsed;
            var after = await process.ReadCountersAsync(ct);
            var callsAfter = standIn.Calls;
            return (measured, elapsed, before, after, callsBefore, callsAfter, Environment.CpuUsage.TotalTime - ownCpu);
        }
        finally
        {
            Open(null);
            await stop.CancelAsync();
            await Task.WhenAll(loops);
        }
    }

    private async Task LoopAsync(IWorker worker, DateTime deadline, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            try
            {
                await worker.TurnAsync(this, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Current?.Error($"{e.GetType().Name}: {e.Message}");
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }
}
