namespace ReleaseBot.Features.Links;

/// <summary>Show the link card of a release, searching a catalog; from a card that showed <paramref name="Revision"/>, if it says.</summary>
public sealed record ShowLinks(string Release, int? Revision, CatalogSearch Search)
{
    public const string Verb = "links";

    public static ShowLinks? From(CardActionData data) => data.Release is { } release ? new(release, data.Revision, CatalogSearch.From(data)) : null;
}
