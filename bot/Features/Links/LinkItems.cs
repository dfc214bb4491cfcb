using System.Globalization;
using ReleaseBot.Cards;
using ReleaseBot.Domain;
using ReleaseBot.Domain.Events;
using ReleaseBot.Persistence;

namespace ReleaseBot.Features.Links;

/// <summary>Links problems, knowledge articles, definitive media and people with their roles; shows and unlinks what is linked.</summary>
public sealed class LinkItems : IFeature
{
    public void Map(Routes routes) => routes
        .Action(ShowLinks.Verb, ShowLinks.From, (turn, show) => ShowAsync(turn, show.Release, show.Revision, show.Search))
        .Action(LinkItem.Verb, LinkItem.From, (turn, link) => link.ItemId is { } itemId
            ? ChangedAsync(turn, link.Release, link.Search, turn.Desk.LinkAsync(link.Release, turn.Actor, link.Revision, link.Kind, itemId, null, turn.Cancellation))
            : ShowAsync(turn, link.Release, link.Revision, link.Search, "links.chooseItem"))
        .Action(LinkRole.Verb, LinkRole.From, (turn, link) =>
            ChangedAsync(turn, link.Release, link.Search, turn.Desk.LinkAsync(link.Release, turn.Actor, link.Revision, LinkKind.Role, link.PersonId, link.Role, turn.Cancellation),
                typedRole: new LinkItemsCard.RoleFields(link.PersonId > 0 ? link.PersonId.ToString(CultureInfo.InvariantCulture) : "", link.Role ?? "")))
        .Action(UnlinkItem.Verb, UnlinkItem.From, (turn, unlink) => unlink.LinkId is { } linkId
            ? ChangedAsync(turn, unlink.Release, unlink.Search, turn.Desk.UnlinkAsync(unlink.Release, turn.Actor, unlink.Revision, linkId, turn.Cancellation))
            : ShowAsync(turn, unlink.Release, unlink.Revision, unlink.Search, "links.chooseLink"));

    /// <summary>The link card; <paramref name="refusal"/> names the text that says why nothing changed, if a button was clicked too soon.</summary>
    private static Task<Reply> ShowAsync(Turn turn, string key, int? seenRevision, CatalogSearch search, string? refusal = null) =>
        turn.WithExecutableReleaseAsync(key, seenRevision, release =>
            CardAsync(turn, release, search, refusal is null ? null : new Notice(NoticeKind.Refusal, turn.Texts[refusal])));

    /// <summary>The link card after a change, or after its refusal; a refused role keeps the person and the role that were typed.</summary>
    private static async Task<Reply> ChangedAsync(Turn turn, string key, CatalogSearch search, Task<Change> changing, LinkItemsCard.RoleFields? typedRole = null)
    {
        var change = await changing;
        if (change.Release is not { } release) return turn.NotFound(key);
        if (change.Refusal is { Reason: RefusalReason.ItemNotFound or RefusalReason.AlreadyLinked or RefusalReason.LinkNotFound or RefusalReason.InvalidRole } soft)
            return await CardAsync(turn, release, search, await turn.RefusalNoticeAsync(release, soft), typedRole);
        if (change.Refusal is not null) return await turn.RefusedAsync(change, key);
        var (text, kind, subject) = change.Events.Single() switch
        {
            ItemLinked linked => ("notice.linked", linked.Kind, linked.Subject),
            ItemUnlinked unlinked => ("notice.unlinked", unlinked.Kind, unlinked.Subject),
            var other => throw new InvalidOperationException($"A link changed the release by {other.GetType().Name}."),
        };
        var label = $"{turn.Texts["kind." + kind]} · {PlainText.Escape(subject)}";
        return await CardAsync(turn, release, search, new Notice(NoticeKind.Success, turn.Texts.Format(text, release.Key, label)));
    }

    private static async Task<Reply> CardAsync(Turn turn, ReleaseRequest release, CatalogSearch search, Notice? notice = null, LinkItemsCard.RoleFields? role = null)
    {
        turn.ReleaseInHand = release.Key;
        var linked = release.Links.Where(l => l.Kind == search.Kind.LinkOf()).Select(l => l.ItemId).ToHashSet();
        var results = await turn.Desk.SearchCatalogAsync(search.Kind, search.Text, linked, turn.Cancellation);
        var people = await turn.Desk.PeopleAsync(turn.Cancellation);
        return Reply.WithCard(LinkItemsCard.Build(turn.Cards, await turn.CardContextAsync(release), release, search, results, people, role, notice));
    }
}
