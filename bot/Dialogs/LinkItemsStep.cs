using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Dialogs;

/// <summary>Links problems, knowledge articles, definitive media and people with their roles; shows and unlinks what is linked.</summary>
public static class LinkItemsStep
{
    public sealed record Search(CatalogKind Kind, string Text)
    {
        public static Search From(string? kind, string? text) => new(
            Enum.TryParse<CatalogKind>(kind, out var k) && k != CatalogKind.Person && Enum.IsDefined(k) ? k : CatalogKind.Problem,
            (text ?? "").Trim());
    }

    /// <summary>The link card; <paramref name="refusal"/> names the text that says why nothing changed, if a button was clicked too soon.</summary>
    public static Task<Reply> ShowAsync(Turn turn, string key, Search search, string? refusal = null) =>
        turn.WithExecutableReleaseAsync(key, release =>
            CardAsync(turn, release, search, refusal is null ? null : new Notice(NoticeKind.Refusal, turn.T[refusal])));

    public static async Task<Reply> LinkAsync(Turn turn, string key, int seenRevision, LinkKind kind, int itemId, string? role, Search search)
    {
        var change = await turn.Desk.LinkAsync(key, turn.Actor, seenRevision, kind, itemId, role, turn.Cancellation);
        return await AnswerAsync(turn, key, change, search, "notice.linked", l => l.Links.LastOrDefault());
    }

    public static async Task<Reply> UnlinkAsync(Turn turn, string key, int seenRevision, int linkId, Search search)
    {
        var before = await turn.Desk.FindAsync(key, turn.Cancellation);
        var link = before?.Links.FirstOrDefault(l => l.Id == linkId);
        var change = await turn.Desk.UnlinkAsync(key, turn.Actor, seenRevision, linkId, turn.Cancellation);
        return await AnswerAsync(turn, key, change, search, "notice.unlinked", _ => link);
    }

    private static async Task<Reply> AnswerAsync(Turn turn, string key, Data.Change change, Search search, string successText, Func<ReleaseRequest, ReleaseLink?> concerned)
    {
        if (change.Release is not { } release) return turn.NotFound(key);
        if (change.Refusal is { Reason: RefusalReason.ItemNotFound or RefusalReason.AlreadyLinked or RefusalReason.LinkNotFound or RefusalReason.InvalidRole } soft)
            return await CardAsync(turn, release, search, await turn.RefusalNoticeAsync(release, soft));
        if (change.Refusal is { } refusal) return await turn.RefusedAsync(release, refusal, key);
        var link = concerned(release);
        var label = link is null ? "" : $"{turn.T["kind." + link.Kind]} · {(link.Kind == LinkKind.Role ? $"{link.Item!.Title} — {link.Role}" : link.Item!.Label)}";
        return await CardAsync(turn, release, search, new Notice(NoticeKind.Success, turn.T.Format(successText, release.Key, label)));
    }

    private static async Task<Reply> CardAsync(Turn turn, ReleaseRequest release, Search search, Notice? notice = null)
    {
        var linked = release.Links.Where(l => l.Kind == search.Kind.LinkOf()).Select(l => l.ItemId).ToHashSet();
        var results = (await turn.Desk.SearchCatalogAsync(search.Kind, search.Text, turn.Cancellation)).Where(i => !linked.Contains(i.Id)).ToList();
        var people = await turn.Desk.PeopleAsync(turn.Cancellation);
        return Reply.WithCard(turn.Cards.LinkItems(await turn.ContextAsync(release), release, search.Kind, search.Text, results, people, notice));
    }
}
