namespace ReleaseBot.Domain;

/// <summary>The catalogs a release links from; a person of the people catalog is linked with a role.</summary>
public enum CatalogKind
{
    Problem,
    Knowledge,
    DefinitiveMedia,
    Person,
}
