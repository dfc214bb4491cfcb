using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace ReleaseBot.Bench;

/// <summary>A kind of traffic: its workers, one per concurrent conversation.</summary>
public sealed record Scenario(string Name, string Description, bool ForEcho, Func<int, IReadOnlyList<IWorker>> Workers)
{
    private static readonly string[] Commands = ["help", "find", "open REL-1001"];
    private static readonly string[] ReadVerbs = ["details", "log", "flow"];

    /// <summary>
    /// The releases whose flow never ends in the write cycle (see <see cref="WriteCycle"/>); REL-1007 and REL-1008 would close.
    /// REL-1001, which the read scenarios open, is not among them: its history (one row per task) would grow with every cycle,
    /// by as many cycles as a build fits into its warm-up, and a faster build would be measured reading a longer release.
    /// </summary>
    public static readonly string[] CyclingReleases =
        ["REL-1002", "REL-1003", "REL-1004", "REL-1005", "REL-1006", "REL-1009", "REL-1010", "REL-1011", "REL-1012"];

    public static readonly Scenario Echo = new("echo", "SDK echo bot: personal messages", true, n =>
        Enumerable.Range(0, n).Select(i => Messages(TeamsPlace.Personal(TeamsUser.Visitor(i)), TeamsUser.Visitor(i), k => $"hello {k}")).ToList());

    public static readonly Scenario Personal = new("personal", "personal messages: help, find, open REL-1001", false, n =>
        Enumerable.Range(0, n).Select(i => Messages(TeamsPlace.Personal(TeamsUser.Visitor(i)), TeamsUser.Visitor(i), k => Commands[(i + k) % Commands.Length])).ToList());

    public static readonly Scenario Channel = new("channel", "channel messages with @mention: help, find, open REL-1001", false, n =>
        Enumerable.Range(0, n).Select(i => Messages(TeamsPlace.Channel($"19:bench-channel-{i}@thread.tacv2"), TeamsUser.Visitor(i), k => Commands[(i + k) % Commands.Length])).ToList());

    public static readonly Scenario Invokes = new("invoke", "card invokes: details, log, flow of REL-1001", false, n =>
        Enumerable.Range(0, n).Select(i => (IWorker)new InvokeWorker(TeamsUser.Visitor(i), TeamsPlace.Personal(TeamsUser.Visitor(i)), i)).ToList());

    public static readonly Scenario Writes = new("write", "card invokes: approve or claim, save ×2, advance, cycling", false, n =>
        CyclingReleases.Take(n).Select((key, i) => (IWorker)new WriteCycle(key, TeamsPlace.Channel($"19:bench-desk-{i}@thread.tacv2"))).ToList());

    public static readonly IReadOnlyList<Scenario> All = [Echo, Personal, Channel, Invokes, Writes];

    private static IWorker Messages(TeamsPlace place, TeamsUser user, Func<int, string> text) => new MessageWorker(user, place, text);

    private sealed class MessageWorker(TeamsUser user, TeamsPlace place, Func<int, string> text) : IWorker
    {
        private int turn;

        public async Task TurnAsync(Load load, CancellationToken ct) =>
            await load.PostAsync(Activities.Message(load.ServiceUrl, user, place, text(turn++)), ct);
    }

    private sealed class InvokeWorker(TeamsUser user, TeamsPlace place, int offset) : IWorker
    {
        private int turn;

        public async Task TurnAsync(Load load, CancellationToken ct)
        {
            var verb = ReadVerbs[(offset + turn++) % ReadVerbs.Length];
            var (status, body) = await load.PostAsync(Activities.Invoke(load.ServiceUrl, user, place, verb, new JsonObject { ["release"] = "REL-1001" }), ct);
            if (status == HttpStatusCode.OK && Card.Of(body) is null) load.Current?.Error($"{verb}: no card in the invoke response: {body[..Math.Min(body.Length, 200)]}");
        }
    }
}

/// <summary>
/// Keeps writing to one release, as its executors would, by clicking what each returned card offers:
/// approve the step that asks for an approval (the Change Advisory Board's, which nobody claims), else
/// claim the task ("claim" with the revision the card carries), save the closure and keep the task
/// (twice, or as often as asked), then save and advance — "not resolved" where the step accepts it, which sends the release back to
/// Execution (a cycle that never ends), else "resolved" with a category and today's date. When the
/// current user may do nothing (the task waits for another group), the other user looks at the release.
/// Each write counts as applied only when the returned card says it succeeded; one worker per release,
/// so no click is stale unless the bot is wrong.
/// </summary>
public sealed class WriteCycle(string release, TeamsPlace place, int savesPerTask = 2) : IWorker
{
    private const int MaxReadsInARow = 6;
    private static readonly TeamsUser[] Users = [TeamsUser.Megan, TeamsUser.Lynne];
    private int user, saves, readsInARow, written;
    private JsonObject? card;

    /// <summary>No one can move the release any more (its flow ended): the worker idles.</summary>
    public bool Stuck { get; private set; }

    /// <summary>When each write that the bot applied was answered.</summary>
    public List<DateTimeOffset> Applied { get; } = [];

    public async Task TurnAsync(Load load, CancellationToken ct)
    {
        if (Stuck)
        {
            await Task.Delay(200, ct);
            return;
        }
        var (verb, data, write) = Next();
        var (status, body) = await load.PostAsync(Activities.Invoke(load.ServiceUrl, Users[user], place, verb, data), ct);
        card = status == HttpStatusCode.OK ? Card.Of(body) : null;
        if (write)
        {
            var applied = card is not null && Card.Succeeded(card);
            if (applied) Applied.Add(DateTimeOffset.UtcNow);
            load.Current?.Write(applied);
        }
        readsInARow = write ? 0 : readsInARow + 1;
        if (readsInARow > MaxReadsInARow) Stuck = true;
    }

    private (string Verb, JsonObject Data, bool Write) Next()
    {
        var actions = card is null ? [] : Card.Actions(card);
        if (actions.TryGetValue("approve", out var approve))
        {
            saves = 0;
            return ("approve", approve, true);
        }
        if (actions.TryGetValue("claim", out var claim))
        {
            saves = 0;
            return ("claim", claim, true);
        }
        if (actions.TryGetValue("save", out var save) && saves < savesPerTask)
        {
            saves++;
            save["situation"] = "EmExecucao";
            save["information"] = $"Deployment in progress, check {++written} passed.";
            return ("save", save, true);
        }
        if (actions.TryGetValue("advance", out var advance))
        {
            saves = 0;
            if (Card.Choices(card!, "situation").Contains("NaoResolvida"))
            {
                advance["situation"] = "NaoResolvida";
                advance["information"] = $"Smoke tests failed after attempt {++written}; rolled back.";
            }
            else
            {
                advance["situation"] = "Resolvida";
                advance["category"] = Card.Choices(card!, "category").FirstOrDefault();
                advance["information"] = $"Done as planned ({++written}).";
                advance["releaseDate"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            return ("advance", advance, true);
        }
        if (actions.TryGetValue("form", out var form)) return ("form", form, false);
        if (actions.TryGetValue("open", out var open)) return ("open", open, false);
        // Nothing this user may do here (or no card yet): look again, as the other user after a card.
        if (card is not null) user = (user + 1) % Users.Length;
        return ("details", new JsonObject { ["release"] = release }, false);
    }
}

/// <summary>Reads an invoke response: the Adaptive Card in it, its Action.Execute buttons and choice sets.</summary>
public static class Card
{
    public static JsonObject? Of(string invokeResponse)
    {
        if (string.IsNullOrEmpty(invokeResponse)) return null;
        var body = JsonNode.Parse(invokeResponse);
        return (string?)body?["type"] == "application/vnd.microsoft.card.adaptive" ? body?["value"] as JsonObject : null;
    }

    /// <summary>Verb → a copy of the button's data.</summary>
    public static Dictionary<string, JsonObject> Actions(JsonObject card)
    {
        var actions = new Dictionary<string, JsonObject>();
        foreach (var action in card["actions"]?.AsArray() ?? [])
            if (action?["verb"] is { } verb && !actions.ContainsKey((string)verb!))
                actions[(string)verb!] = action["data"]?.DeepClone() as JsonObject ?? [];
        return actions;
    }

    /// <summary>The values of the choice set named <paramref name="name"/> (its id is the name, or the name and the card's instance: "situation-1c9f04a2"), wherever it is in the card.</summary>
    public static IReadOnlyList<string> Choices(JsonObject card, string name) =>
        Find(card, o => (string?)o["id"] is { } id && (id == name || id.StartsWith(name + "-", StringComparison.Ordinal)) && o["choices"] is JsonArray)
            .SelectMany(o => o["choices"]!.AsArray()).Select(c => (string?)c?["value"]).OfType<string>().ToList();

    /// <summary>The card's notice says that what was asked was done (a container styled "good").</summary>
    public static bool Succeeded(JsonObject card) =>
        Find(card, o => (string?)o["type"] == "Container" && (string?)o["style"] == "good").Any();

    private static IEnumerable<JsonObject> Find(JsonNode? node, Func<JsonObject, bool> match)
    {
        switch (node)
        {
            case JsonObject o:
                if (match(o)) yield return o;
                foreach (var (_, child) in o)
                    foreach (var found in Find(child, match)) yield return found;
                break;
            case JsonArray a:
                foreach (var child in a)
                    foreach (var found in Find(child, match)) yield return found;
                break;
        }
    }
}
