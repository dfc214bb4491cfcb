using System.Globalization;
using ReleaseBot.Cards;
using ReleaseBot.Domain;
using ReleaseBot.Persistence;

namespace ReleaseBot.Features.Links;

/// <summary>cards/link-items.json: what is linked (to unlink), a catalog search with its results, and roles.</summary>
public static class LinkItemsCard
{
    public const string Template = "link-items";

    public sealed record Data(IReadOnlyDictionary<string, string> T, IReadOnlyDictionary<string, string> Ids, string Key, int Revision, string TaskLine,
        bool HasLinks, IReadOnlyList<ReleaseCard.LinkRow> Links, SearchFields Search, IReadOnlyList<Choice> Kinds, bool HasResults,
        IReadOnlyList<Result> Results, string NoResults, IReadOnlyList<Choice> People, RoleFields Role, int MaxRole);

    public sealed record SearchFields(string Kind, string Text);

    /// <summary>The person and role the role inputs start with: empty, or what was typed when the role was refused.</summary>
    public sealed record RoleFields(string Person, string Name);

    public sealed record Choice(string Title, string Value);

    public sealed record Result(string Id, string Label);

    public static Card Build(CardLibrary cards, CardContext c, ReleaseRequest release, CatalogSearch search, CatalogResults results,
        IReadOnlyList<LinkableItem> people, RoleFields? role = null, Notice? notice = null)
    {
        var t = c.Texts;
        var labels = new Dictionary<string, string>(Labels.Of(t, ("linkedItems", "label.linkedItems"), ("nothingLinked", "label.nothingLinked"),
            ("unlink", "action.unlink"), ("searchHeader", "links.searchHeader"), ("kind", "links.kind"), ("query", "links.query"),
            ("search", "action.search"), ("results", "links.results"), ("unlinkChoice", "links.unlinkChoice"),
            ("link", "action.link"), ("rolesHeader", "links.rolesHeader"), ("person", "links.person"), ("choose", "form.choose"),
            ("role", "links.role"), ("rolePlaceholder", "links.rolePlaceholder"), ("addRole", "action.addRole"), ("closure", "action.closure"),
            ("back", "action.back")))
        {
            ["title"] = t.Format("links.title", release.Key),
        };
        var items = results.Items;
        // The lists change with every link and unlink (the revision) and every search: each is a new set of inputs.
        var ids = InputIds.Of([release.Key, release.Revision, search.Kind, search.Text, .. items.Select(i => i.Id)],
            InputIds.LinkId, InputIds.SearchKind, InputIds.SearchText, InputIds.ItemId, InputIds.RolePerson, InputIds.RoleName);
        return cards.Bind(Template, new Data(labels, ids, release.Key, release.Revision, ReleaseCard.TaskLine(c, release),
            release.Links.Count > 0, ReleaseCard.LinkRows(c, release),
            new SearchFields(search.Kind.ToString(), search.Text),
            CatalogSearch.Kinds.Select(k => new Choice(t["kind." + k], k.ToString())).ToList(),
            items.Count > 0,
            items.Select(i => new Result(i.Id.ToString(CultureInfo.InvariantCulture), i.Location is null ? i.Label : $"{i.Label} ({i.Location})")).ToList(),
            results.LeftOutMatched ? t.Format("links.allLinked", release.Key) : t["links.noMatch"],
            people.Select(p => new Choice(p.Title, p.Id.ToString(CultureInfo.InvariantCulture))).ToList(),
            role ?? new RoleFields("", ""),
            ReleaseRequest.MaxRoleLength), notice);
    }
}
