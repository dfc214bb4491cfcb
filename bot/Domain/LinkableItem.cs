namespace ReleaseBot.Domain;

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
    /// <summary>People: how to reach them, and who they are in Entra ID.</summary>
    public string? Email { get; set; }
    public string? AadObjectId { get; set; }
    /// <summary>A retired item is offered no more; releases that link it still show it.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    public string Label => Version is null ? $"{Code} · {Title}" : $"{Code} · {Title} {Version}";
}
