using ReleaseBot.Cards;

namespace ReleaseBot.Dialogs;

/// <summary>"find [text]" and "mine": the list of releases, a page at a time, each with its Open button.</summary>
public static class FindReleasesStep
{
    public const string FindVerb = "find";
    public const string MineVerb = "mine";

    public static async Task<Reply> FindAsync(Turn turn, string query, int page)
    {
        var t = turn.T;
        var releases = await turn.Desk.SearchAsync(query, page, turn.Cancellation);
        var title = string.IsNullOrWhiteSpace(query) ? t["list.all"] : t.Format("list.matching", query.Trim());
        return await ListAsync(turn, title, t["list.empty"], releases, FindVerb, query.Trim());
    }

    public static async Task<Reply> MineAsync(Turn turn, int page)
    {
        var releases = await turn.Desk.MineAsync(turn.Actor, page, turn.Cancellation);
        return await ListAsync(turn, turn.T["list.mine"], turn.T["list.mineEmpty"], releases, MineVerb, "");
    }

    private static async Task<Reply> ListAsync(Turn turn, string title, string empty, Data.ReleasePage releases, string verb, string query) =>
        Reply.WithCard(turn.Cards.List(turn.T, title, empty, releases, verb, query,
            await turn.Desk.FlowsAsync(turn.Cancellation), await turn.Desk.GroupNamesAsync(turn.Cancellation)));
}
