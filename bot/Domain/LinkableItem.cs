namespace ReleaseBot.Domain;

public enum LinkKind
{
    Problem,
    Knowledge,
    DefinitiveMedia,
    Role,
}

/// <summary>
/// An item of the catalogs a release can be linked to: a problem, a knowledge article, a definitive
/// media (DML) item, or a person who can hold a role in the release.
/// </summary>
public sealed class LinkableItem
{
    public int Id { get; set; }
    public CatalogKind Kind { get; set; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    /// <summary>DML items: the approved version.</summary>
    public string? Version { get; set; }
    /// <summary>DML items: checksum or location of the artifact.</summary>
    public string? Location { get; set; }

    public string Label => Version is null ? $"{Code} · {Title}" : $"{Code} · {Title} {Version}";
}

public enum CatalogKind
{
    Problem,
    Knowledge,
    DefinitiveMedia,
    Person,
}

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

/// <summary>An item linked to a release; a role link also says which role the person plays.</summary>
public sealed class ReleaseLink
{
    public int Id { get; set; }
    public int ReleaseId { get; set; }
    public LinkKind Kind { get; set; }
    public int ItemId { get; set; }
    public LinkableItem? Item { get; set; }
    public string? Role { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
    public required string LinkedBy { get; set; }
}
