using ReleaseBot.Cards;

namespace ReleaseBot.Features.Links;

/// <summary>Remove the chosen link (<paramref name="LinkId"/>, none when nothing was chosen) from the release.</summary>
public sealed record UnlinkItem(string Release, int Revision, int? LinkId, CatalogSearch Search)
{
    public const string Verb = "unlink";

    public static UnlinkItem? From(CardActionData data) => data is { Release: { } release, Revision: { } revision }
        ? new(release, revision, data.InputNumber(InputIds.LinkId), CatalogSearch.From(data))
        : null;
}
