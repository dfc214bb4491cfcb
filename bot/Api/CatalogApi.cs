using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;
using ReleaseBot.Persistence;

namespace ReleaseBot.Api;

/// <summary>
/// <c>/api/v1/catalog/{kind}</c> (problems, knowledge, media, people): the items engineers link to releases, fed from the
/// team's own catalogs by their ids. A retired item is offered no more, and stays readable where it is linked.
/// </summary>
public static class CatalogApi
{
    public const int MaxResults = 100;

    public static void Map(IEndpointRouteBuilder api)
    {
        var catalog = api.MapGroup("/catalog/{kind}").WithTags("Catalog");
        catalog.MapGet("", ListAsync).RequireScope(ApiScope.ReleasesRead, "Active items of a catalog");
        catalog.MapPut("/{externalId}", PutAsync).RequireScope(ApiScope.CatalogWrite, "Create or update a catalog item");
        catalog.MapDelete("/{externalId}", RetireAsync).RequireScope(ApiScope.CatalogWrite, "Retire a catalog item");
    }

    private static async Task<IResult> ListAsync(string kind, string? search, ReleaseBotDb db, CancellationToken ct)
    {
        if (CatalogKinds.FromRoute(kind) is not { } catalog) return UnknownKind(kind);
        var query = db.Catalog.AsNoTracking().Where(i => i.Kind == catalog && i.RetiredAt == null);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var needle = SearchText.Normalize(search);
            query = query.Where(i => EF.Property<string>(i, SearchText.Column).Contains(needle));
        }
        var items = await query.OrderBy(i => i.Code).Take(MaxResults).ToListAsync(ct);
        return Results.Ok(items.Select(CatalogItemView.Of).ToList());
    }

    private static async Task<IResult> PutAsync(string kind, string externalId, CatalogItemBody? body, DeskEditor editor, CancellationToken ct)
    {
        if (CatalogKinds.FromRoute(kind) is not { } catalog) return UnknownKind(kind);
        var entry = new CatalogEntry(catalog, externalId, body?.Title, body?.Version, body?.Location, body?.Email, body?.AadObjectId);
        if (entry.Validate() is { Count: > 0 } errors) return Problems.Invalid(FieldErrors.Describe(errors));
        var (item, created) = await editor.PutItemAsync(entry, ct);
        var view = CatalogItemView.Of(item);
        return created ? Results.Created($"{ApiSetup.Prefix}/catalog/{CatalogKinds.RouteOf(catalog)}/{Uri.EscapeDataString(item.Code)}", view) : Results.Ok(view);
    }

    private static async Task<IResult> RetireAsync(string kind, string externalId, DeskEditor editor, CancellationToken ct)
    {
        if (CatalogKinds.FromRoute(kind) is not { } catalog) return UnknownKind(kind);
        return await editor.RetireItemAsync(catalog, externalId, ct)
            ? Results.NoContent()
            : Problems.Of(StatusCodes.Status404NotFound, "Item not found", $"No {CatalogKinds.RouteOf(catalog)} item has the id '{externalId.Trim()}'.");
    }

    private static IResult UnknownKind(string kind) =>
        Problems.Of(StatusCodes.Status404NotFound, "Unknown catalog", $"There is no catalog '{kind}': use problems, knowledge, media or people.");
}

/// <summary>The body of <c>PUT /api/v1/catalog/{kind}/{externalId}</c>: the title, and per kind the version and location (media) or e-mail and Entra object id (people).</summary>
public sealed record CatalogItemBody(string? Title, string? Version, string? Location, string? Email, string? AadObjectId);

public sealed record CatalogItemView(string Kind, string ExternalId, string Title, string? Version, string? Location, string? Email, string? AadObjectId)
{
    public static CatalogItemView Of(LinkableItem item) =>
        new(CatalogKinds.RouteOf(item.Kind), item.Code, item.Title, item.Version, item.Location, item.Email, item.AadObjectId);
}
