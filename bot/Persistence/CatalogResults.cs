using ReleaseBot.Domain;

namespace ReleaseBot.Persistence;

/// <summary>What a catalog search found, and whether items it was told to leave out (e.g. linked already) matched too.</summary>
public sealed record CatalogResults(IReadOnlyList<LinkableItem> Items, bool LeftOutMatched);
