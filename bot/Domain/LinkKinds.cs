namespace ReleaseBot.Domain;

/// <summary>Which catalog each kind of link comes from.</summary>
public static class LinkKinds
{
    public static CatalogKind CatalogOf(this LinkKind kind) => kind switch
    {
        LinkKind.Problem => CatalogKind.Problem,
        LinkKind.Knowledge => CatalogKind.Knowledge,
        LinkKind.DefinitiveMedia => CatalogKind.DefinitiveMedia,
        _ => CatalogKind.Person,
    };

    public static LinkKind LinkOf(this CatalogKind kind) => kind switch
    {
        CatalogKind.Problem => LinkKind.Problem,
        CatalogKind.Knowledge => LinkKind.Knowledge,
        CatalogKind.DefinitiveMedia => LinkKind.DefinitiveMedia,
        _ => LinkKind.Role,
    };
}
