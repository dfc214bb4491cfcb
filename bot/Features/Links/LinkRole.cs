using ReleaseBot.Cards;

namespace ReleaseBot.Features.Links;

/// <summary>Link a person of the people catalog with the role they play in the release.</summary>
public sealed record LinkRole(string Release, int Revision, int PersonId, string? Role, CatalogSearch Search)
{
    public const string Verb = "linkRole";

    public static LinkRole? From(CardActionData data) => data is { Release: { } release, Revision: { } revision }
        ? new(release, revision, data.InputNumber(InputIds.RolePerson) ?? 0, data.Input(InputIds.RoleName), CatalogSearch.From(data))
        : null;
}
