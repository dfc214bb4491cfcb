using ReleaseBot.Domain;

namespace ReleaseBot.Api;

/// <summary>The catalogs as the API's routes and bodies name them: problems, knowledge, media, people.</summary>
public static class CatalogKinds
{
    public static CatalogKind? FromRoute(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "problems" or "problem" => CatalogKind.Problem,
        "knowledge" => CatalogKind.Knowledge,
        "media" => CatalogKind.DefinitiveMedia,
        "people" or "person" => CatalogKind.Person,
        _ => null,
    };

    public static string RouteOf(CatalogKind kind) => kind switch
    {
        CatalogKind.Problem => "problems",
        CatalogKind.Knowledge => "knowledge",
        CatalogKind.DefinitiveMedia => "media",
        _ => "people",
    };
}
