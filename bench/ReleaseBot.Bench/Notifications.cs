using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace ReleaseBot.Bench;

/// <summary>
/// Notification throughput: channels subscribe (<c>@ReleaseBot subscribe</c>, every event), then the releases
/// change as many times as each channel should hear, and the outbox delivers through the stand-in, which
/// answers a share of the calls with 429 and Retry-After. Every change is one notification per channel, and
/// each is two requests (the release's card posted or edited, and a reply in its thread). It checks that
/// every notification arrived once, and compares the time taken with the fastest schedule that Teams'
/// per-conversation limits allow for the same changes.
/// </summary>
public static class NotificationRun
{
    /// <summary>Teams' limits per bot and conversation ("Rate limiting for bots").</summary>
    private static readonly (int Count, double Seconds)[] Limits = [(7, 1), (8, 2), (60, 30), (1800, 3600)];
    private const int RequestsPerNotification = 2;
    private static readonly string[] Releases = ["REL-1001", "REL-1002"];

    public static async Task<string> RunAsync(string label, BotProcess bot, StandIn standIn, HttpClient http, Options options, CancellationToken ct)
    {
        int channels = options.NotificationChannels, perChannel = options.NotificationsPerChannel;
        Console.WriteLine($"{label}: notifications: {channels} channels subscribe, then {perChannel} changes, {options.ThrottleShare:P0} of the calls answered 429…");
        var load = new Load(http, bot.Url, standIn.ServiceUrl);
        var setup = new Window();
        load.Open(setup);
        var news = Enumerable.Range(0, channels).Select(i => $"19:bench-news-{i}@thread.tacv2").ToList();
        await Parallel.ForEachAsync(news, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (channel, token) =>
            await load.PostAsync(Activities.Message(standIn.ServiceUrl, TeamsUser.Megan, TeamsPlace.Channel(channel), "subscribe"), token));
        if (setup.Errors > 0) return $"{label} notifications: {setup.Errors} of the subscriptions failed: {setup.FirstError}";

        // Warm-up, as every scenario has one: changes delivered to every channel, so that the run measures a bot that has
        // sent notifications before (its code compiled and tiered up, each channel's thread open), not its first ones. Then
        // every window but the hour's empties before the measured changes begin.
        standIn.ClearLog();
        standIn.Recording = true;
        var warmUp = new Window();
        load.Open(warmUp);
        var warmed = await MakeChangesAsync(load, WarmUpChanges, ct);
        load.Open(null);
        if (warmed.Count != WarmUpChanges) return $"{label} notifications: only {warmed.Count} of the {WarmUpChanges} warm-up changes were applied ({warmUp.Errors} errors: {warmUp.FirstError}).";
        var warmUpLimit = Stopwatch.StartNew();
        // Until the outbox is empty: a write the bench saw unanswered may have been applied, and its notifications must not
        // fall into the measured run.
        while ((Replies(standIn.Log) < channels * WarmUpChanges || await PendingAsync(http, bot.Url, ct) != 0)
            && warmUpLimit.Elapsed < TimeSpan.FromSeconds(120)) await Task.Delay(250, ct);
        standIn.Recording = false;
        await Task.Delay(TimeSpan.FromSeconds(31), ct);

        // From here on: every call recorded, a share of them throttled, the bot's counters read at both ends.
        standIn.ClearLog();
        standIn.Recording = true;
        standIn.ThrottleShare = options.ThrottleShare;
        var before = await bot.ReadCountersAsync(ct);
        var start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var changes = new Window();
        load.Open(changes);
        var applied = await MakeChangesAsync(load, perChannel, ct);
        load.Open(null);
        var producedIn = clock.Elapsed;
        if (applied.Count != perChannel)
            return $"{label} notifications: only {applied.Count} of {perChannel} changes were applied ({changes.RefusedWrites} refused, {changes.Errors} errors: {changes.FirstError}).";

        // Wait until every notification arrived, then a little longer to see any sent twice.
        var expected = channels * perChannel;
        var limit = TimeSpan.FromSeconds(Math.Max(120, 4 * Ideal(applied.Select(a => (a - start).TotalSeconds).ToList())));
        while ((Replies(standIn.Log) < expected || await PendingAsync(http, bot.Url, ct) != 0) && clock.Elapsed < limit) await Task.Delay(250, ct);
        var calls = standIn.Log;
        var finished = calls.Where(c => c.Status == 200).Select(c => c.At).DefaultIfEmpty(start).Max();
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var after = await bot.ReadCountersAsync(ct);
        calls = standIn.Log;
        standIn.Recording = false;
        standIn.ThrottleShare = 0;
        var health = await HealthAsync(http, bot.Url, ct);

        // Per channel: replies that arrived (one per notification), and the busiest windows (every request counts, 429s too).
        var byChannel = calls.Where(c => c.ConversationId.StartsWith("19:bench-news-", StringComparison.Ordinal))
            .GroupBy(c => c.ConversationId.Split(';')[0]).ToDictionary(g => g.Key, g => g.ToList());
        var replies = news.Select(n => byChannel.TryGetValue(n, out var list) ? list.Count(c => c.Method == "POST" && c.Status == 200 && c.ConversationId.Contains(";messageid=", StringComparison.Ordinal)) : 0).ToList();
        var busiest = Limits.Select(l => byChannel.Values.Select(list => Busiest(list.Select(c => c.At).Order().ToList(), l.Seconds)).DefaultIfEmpty(0).Max()).ToList();
        var madeAt = applied.Select(a => (a - start).TotalSeconds).ToList();
        var ideal = Ideal(madeAt);
        var idealThrottled = byChannel.Values.Select(list => IdealWithThrottles(madeAt,
            list.OrderBy(c => c.At).Select(c => c.Status == 429).ToList(), standIn.RetryAfterSeconds)).DefaultIfEmpty(0).Max();
        var took = (finished - start).TotalSeconds;
        // Each channel against its own fastest schedule: how late its last notification went.
        var lateness = byChannel.Values.Select(list => (list.Where(c => c.Status == 200).Select(c => c.At).DefaultIfEmpty(start).Max() - start).TotalSeconds
            - IdealWithThrottles(madeAt, list.OrderBy(c => c.At).Select(c => c.Status == 429).ToList(), standIn.RetryAfterSeconds)).Order().ToList();
        var delivered = replies.Sum();
        var verdict = replies.All(r => r == perChannel) ? "all delivered, none twice"
            : $"NOT ALL ONCE: {replies.Count(r => r < perChannel)} channels short by {replies.Where(r => r < perChannel).Sum(r => perChannel - r)}, {replies.Count(r => r > perChannel)} channels with {replies.Where(r => r > perChannel).Sum(r => r - perChannel)} extra";
        var notificationsIn = Math.Max(1, delivered);
        return string.Join('\n',
            $"{label} notifications: {delivered} of {expected} to {channels} channels in {took:F1} s ({verdict}); " +
            $"the per-conversation limits allow {ideal:F1} s for these changes (took {took / ideal:F2}×), " +
            $"{idealThrottled:F1} s with the same calls throttled (took {took / idealThrottled:F2}×); changes made in {producedIn.TotalSeconds:F1} s.",
            $"  each channel's last notification after its own fastest schedule: median {Median(lateness):+0.00;-0.00} s, " +
            $"worst {lateness.DefaultIfEmpty(0).Max():+0.00;-0.00} s.",
            $"  calls: {calls.Count(c => c.Status == 200)} answered, {calls.Count(c => c.Status == 429)} throttled (429, Retry-After {standIn.RetryAfterSeconds} s); " +
            $"busiest channel: {string.Join(", ", Limits.Select((l, i) => $"{busiest[i]}/{l.Seconds:0} s (limit {l.Count})"))}; health after: {health}.",
            $"  bot per notification: {(after.CpuMs - before.CpuMs) / notificationsIn:F1} CPU ms, {(after.Allocated - before.Allocated) / 1024.0 / notificationsIn:F0} KB, " +
            $"{(double)(after.Jit - before.Jit) / notificationsIn:F1} JIT-compiled methods; RSS {after.Rss / 1024 / 1024} MB.");
    }

    private static double Median(List<double> sorted) => sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];

    /// <summary>Changes made and delivered to every channel before the measured ones (two requests each).</summary>
    private const int WarmUpChanges = 8;

    /// <summary>Claims once, then saves and keeps: each applied write is one notification to every channel. Returns when each was answered.</summary>
    private static async Task<List<DateTimeOffset>> MakeChangesAsync(Load load, int count, CancellationToken ct)
    {
        var writers = Releases.Select((key, i) => new WriteCycle(key, TeamsPlace.Channel($"19:bench-desk-{i}@thread.tacv2"), savesPerTask: int.MaxValue)).ToList();
        await Task.WhenAll(writers.Select((writer, i) => Task.Run(async () =>
        {
            var quota = count / writers.Count + (i < count % writers.Count ? 1 : 0);
            for (var turn = 0; writer.Applied.Count < quota && !writer.Stuck && turn < 10 * quota + 10; turn++)
                await writer.TurnAsync(load, ct);
        }, ct)));
        return writers.SelectMany(w => w.Applied).Order().ToList();
    }

    private static int Replies(IReadOnlyList<StandIn.Call> calls) =>
        calls.Count(c => c.Method == "POST" && c.Status == 200 && c.ConversationId.StartsWith("19:bench-news-", StringComparison.Ordinal) && c.ConversationId.Contains(";messageid=", StringComparison.Ordinal));

    /// <summary>The most requests to one conversation within any span of that length.</summary>
    private static int Busiest(List<DateTimeOffset> times, double seconds)
    {
        var most = 0;
        for (int first = 0, last = 0; last < times.Count; last++)
        {
            while ((times[last] - times[first]).TotalSeconds >= seconds) first++;
            most = Math.Max(most, last - first + 1);
        }
        return most;
    }

    /// <summary>
    /// The fastest schedule for one channel under the limits: each notification (two requests at once) as soon as
    /// its change was made and every window has room. Returns when the last one goes, in seconds from the start.
    /// </summary>
    public static double Ideal(IReadOnlyList<double> madeAt)
    {
        var sent = new List<double>();
        var t = 0.0;
        foreach (var made in madeAt)
        {
            t = Math.Max(t, made);
            for (var tries = 0; tries < 10_000; tries++)
            {
                var later = t;
                foreach (var (count, seconds) in Limits)
                {
                    // Sends still inside the window at t (t - s < window); the oldest must leave until there is room.
                    var inside = sent.Where(s => t - s < seconds).ToList();
                    var excess = inside.Count * RequestsPerNotification + RequestsPerNotification - count;
                    if (excess > 0) later = Math.Max(later, inside[(excess + RequestsPerNotification - 1) / RequestsPerNotification - 1] + seconds);
                }
                if (later == t) break;
                t = later;
            }
            sent.Add(t);
        }
        return sent.Count == 0 ? 0 : sent[^1];
    }

    /// <summary>
    /// The fastest schedule for one channel under the limits when its calls are throttled as they were: every request counts
    /// in the windows, a throttled one too, and the channel's next request waits for the Retry-After. Each request goes as
    /// soon as its change was made, the one before it went, and every window has room. Returns when the last one goes.
    /// </summary>
    /// <summary>Times are sums of doubles: a request exactly one window later must count as out of it.</summary>
    private const double Epsilon = 1e-9;

    public static double IdealWithThrottles(IReadOnlyList<double> madeAt, IReadOnlyList<bool> throttled, double retryAfterSeconds)
    {
        var sent = new List<double>();
        double t = 0, notBefore = 0;
        var answered = 0;
        foreach (var refused in throttled)
        {
            var notification = Math.Min(answered / RequestsPerNotification, madeAt.Count - 1);
            t = Math.Max(t, Math.Max(notBefore, madeAt.Count == 0 ? 0 : madeAt[notification]));
            for (var moved = true; moved;)
            {
                moved = false;
                foreach (var (count, seconds) in Limits)
                {
                    var inside = sent.Where(s => t - s < seconds - Epsilon).ToList();
                    if (inside.Count < count) continue;
                    t = inside[inside.Count - count] + seconds; // the oldest that must leave for one more to fit
                    moved = true;
                }
            }
            sent.Add(t);
            if (refused) notBefore = t + retryAfterSeconds;
            else answered++;
        }
        return sent.Count == 0 ? 0 : sent[^1];
    }

    /// <summary>The outbox's pending messages as the bot's health says; -1 when it does not say.</summary>
    private static async Task<int> PendingAsync(HttpClient http, Uri bot, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(bot, "health"), ct);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))?["outbox"]?["pending"]?.GetValue<int>() ?? -1;
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return -1;
        }
    }

    private static async Task<string> HealthAsync(HttpClient http, Uri bot, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(bot, "health"), ct);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
            return response.StatusCode == HttpStatusCode.OK
                ? $"{body?["status"]}, outbox pending {body?["outbox"]?["pending"]}, failed {body?["outbox"]?["failed"]}"
                : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException)
        {
            return $"unknown ({e.Message})";
        }
    }
}
