using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Features.Links;

/// <summary>What the link card searches: a catalog (problems, knowledge or definitive media) and a text.</summary>
public sealed record CatalogSearch(CatalogKind Kind, string Text)
{
    /// <summary>The catalogs searched for items; people are chosen with their role instead.</summary>
    public static readonly IReadOnlyList<CatalogKind> Kinds = [CatalogKind.Problem, CatalogKind.Knowledge, CatalogKind.DefinitiveMedia];

    public static CatalogSearch From(CardActionData data) => new(
        Enum.TryParse<CatalogKind>(data.Input(InputIds.SearchKind), out var kind) && Kinds.Contains(kind) ? kind : CatalogKind.Problem,
        (data.Input(InputIds.SearchText) ?? "").Trim());
}
