using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Features.Links;

/// <summary>
/// Link the chosen catalog item (<paramref name="ItemId"/>, none when nothing was chosen) of a kind to the release.
/// A kind must be named, not numbered: "1" is not a catalog.
/// </summary>
public sealed record LinkItem(string Release, int Revision, LinkKind Kind, int? ItemId, CatalogSearch Search)
{
    public const string Verb = "link";

    public static LinkItem? From(CardActionData data) =>
        data is { Release: { } release, Revision: { } revision }
        && data.Text("linkKind") is { } name && !int.TryParse(name, out _)
        && Enum.TryParse<CatalogKind>(name, out var kind) && CatalogSearch.Kinds.Contains(kind)
            ? new(release, revision, kind.LinkOf(), data.InputNumber(InputIds.ItemId), CatalogSearch.From(data))
            : null;
}
