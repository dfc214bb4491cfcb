using ReleaseBot.Cards;
using ReleaseBot.Persistence;

namespace ReleaseBot.Features.ReleaseList;

/// <summary>"find [text]" and "mine": the list of releases, a page at a time, each with its Open button.</summary>
public sealed class FindReleases : IFeature
{
    public void Map(Routes routes) => routes
        .Command(CommandKind.Find, (turn, text) => FindAsync(turn, text, 1))
        .Command(CommandKind.Mine, (turn, _) => MineAsync(turn, 1))
        .Action(FindPage.Verb, FindPage.From, (turn, action) => FindAsync(turn, action.Query, action.Page))
        .Action(MinePage.Verb, MinePage.From, (turn, action) => MineAsync(turn, action.Page));

    /// <summary>No key, title or description is searched with more text than this; the rest of a longer text is left out.</summary>
    public const int MaxQuery = 100;

    public static async Task<Reply> FindAsync(Turn turn, string query, int page)
    {
        var t = turn.Texts;
        query = query.Trim();
        if (query.Length > MaxQuery) query = query[..MaxQuery].TrimEnd();
        var releases = await turn.Desk.SearchAsync(query, page, turn.Cancellation);
        var title = query.Length == 0 ? t["list.all"] : t.Format("list.matching", PlainText.Echo(query));
        return await ListAsync(turn, title, t["list.empty"], releases, FindPage.Verb, query);
    }

    public static async Task<Reply> MineAsync(Turn turn, int page)
    {
        var releases = await turn.Desk.MineAsync(turn.Actor, page, turn.Cancellation);
        return await ListAsync(turn, turn.Texts["list.mine"], turn.Texts["list.mineEmpty"], releases, MinePage.Verb, "");
    }

    private static async Task<Reply> ListAsync(Turn turn, string title, string empty, ReleasePage releases, string verb, string query) =>
        Reply.WithCard(ReleaseListCard.Build(turn.Cards, turn.Texts, await turn.SetupAsync(), title, empty, releases, verb, query));
}
