using ReleaseBot.Cards;
using ReleaseBot.Domain;
using ReleaseBot.Features.ReleaseList;
using ReleaseBot.Notifications;

namespace ReleaseBot.Features.Sharing;

/// <summary>
/// Releases met outside the bot's chat: searched from the message compose box and put in any chat, or unfurled from a
/// pasted canonical link. Each is the release card as anyone may read it, refreshed into the own view of the person who
/// shares it and of the people in the release's story.
/// </summary>
public static class ReleaseSharing
{
    /// <summary>The most results one search answers (Teams asks for 25).</summary>
    public const int MaxResults = 25;

    /// <summary>A release ready to share: its preview in a result list (heading, summary: plain text) and the card that goes in the chat.</summary>
    public sealed record Shared(string Key, string Heading, string Summary, Card Card);

    /// <summary>
    /// The releases that "find <paramref name="text"/>" lists, or with no text those that "mine" lists, from the
    /// <paramref name="skip"/>th on; <paramref name="viewer"/> is the Teams user id of who searches.
    /// </summary>
    public static async Task<IReadOnlyList<Shared>> SearchAsync(Turn turn, string? text, int skip, int count, string? viewer)
    {
        var query = (text ?? "").Trim();
        if (query.Length > FindReleases.MaxQuery) query = query[..FindReleases.MaxQuery].TrimEnd();
        skip = Math.Max(0, skip);
        count = Math.Clamp(count, 1, MaxResults);
        var releases = query.Length == 0
            ? await turn.Desk.MineAsync(turn.Actor, skip, count, turn.Cancellation)
            : await turn.Desk.SearchAsync(query, skip, count, turn.Cancellation);
        var shared = new List<Shared>(releases.Count);
        foreach (var release in releases) shared.Add(await ShareAsync(turn, release, viewer));
        return shared;
    }

    /// <summary>The release whose canonical URL is <paramref name="url"/>; null for any other link, or a release that does not exist.</summary>
    public static async Task<Shared?> UnfurlAsync(Turn turn, string? url, string? viewer) =>
        turn.Service<ReleaseLinks>().TryReadPage(url, out var key) && await turn.Desk.FindAsync(key, turn.Cancellation) is { } release
            ? await ShareAsync(turn, release, viewer)
            : null;

    private static async Task<Shared> ShareAsync(Turn turn, ReleaseRequest release, string? viewer)
    {
        var c = await turn.CardContextAsync(release) with { Reader = Actor.Anyone };
        var readers = await turn.Service<CardReaders>().OfAsync(release, c.AtApproval(release), viewer, turn.Cancellation);
        var t = turn.Texts;
        var status = t["status." + release.Status];
        var summary = release.CurrentTask is { } task ? $"{status} · {t["label.currentTask"]}: {c.Flow.Step(task.StepKey).Name.In(t.Language)}" : status;
        return new(release.Key, $"{release.Key} · {release.Title}", summary, ReleaseCard.Shared(turn.Cards, c, release, readers));
    }
}
