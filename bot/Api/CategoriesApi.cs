using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;
using ReleaseBot.Persistence;

namespace ReleaseBot.Api;

/// <summary><c>/api/v1/solution-categories</c>: the whole tree of solution categories, in English and Portuguese.</summary>
public static class CategoriesApi
{
    public const int MaxCategories = 500;

    public static void Map(IEndpointRouteBuilder api)
    {
        var categories = api.MapGroup("/solution-categories").WithTags("Solution categories");
        categories.MapGet("", ListAsync).RequireScope(ApiScope.ReleasesRead, "The active solution categories");
        categories.MapPut("", ReplaceAsync).RequireScope(ApiScope.CatalogWrite, "Replace the tree of solution categories");
    }

    private static async Task<IResult> ListAsync(ReleaseBotDb db, CancellationToken ct) =>
        Results.Ok(new CategoryTree([.. (await db.SolutionCategories.AsNoTracking().Include(c => c.Parent).Where(c => c.RetiredAt == null).OrderBy(c => c.Id).ToListAsync(ct))
            .Select(CategoryView.Of)]));

    private static async Task<IResult> ReplaceAsync(CategoryTreeBody? body, DeskEditor editor, CancellationToken ct)
    {
        var tree = body?.Categories ?? [];
        var errors = CategoryEntry.Validate(tree).ToList();
        if (tree.Count > MaxCategories) errors.Add(new("categories", InputProblem.TooLong));
        if (errors.Count > 0) return Problems.Invalid(FieldErrors.Describe(errors));
        var saved = await editor.ReplaceCategoriesAsync([.. tree.OfType<CategoryEntry>()], ct);
        return Results.Ok(new CategoryTree([.. saved.Select(CategoryView.Of)]));
    }
}

/// <summary>The body of <c>PUT /api/v1/solution-categories</c>: every category, parents by key.</summary>
public sealed record CategoryTreeBody(IReadOnlyList<CategoryEntry?>? Categories);

public sealed record CategoryTree(IReadOnlyList<CategoryView> Categories);

public sealed record CategoryView(string Key, string En, string PtBr, string? Parent)
{
    public static CategoryView Of(SolutionCategory c) => new(c.Key, c.Name.En, c.Name.PtBr, c.Parent?.Key);
}
