namespace ReleaseBot.Features.Links;

/// <summary>Show the link card of a release, searching a catalog.</summary>
public sealed record ShowLinks(string Release, CatalogSearch Search)
{
    public const string Verb = "links";

    public static ShowLinks? From(CardActionData data) => data.Release is { } release ? new(release, CatalogSearch.From(data)) : null;
}
