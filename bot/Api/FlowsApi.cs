using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;
using ReleaseBot.Persistence;

namespace ReleaseBot.Api;

/// <summary>
/// <c>/api/v1/flows/{releaseType}</c>: the flow of a release type as data. A change is a new version for new releases;
/// releases under way keep the version they started on.
/// </summary>
public static class FlowsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var flows = api.MapGroup("/flows").WithTags("Flows");
        flows.MapGet("", ListAsync).RequireScope(ApiScope.ReleasesRead, "The current flow of every release type");
        flows.MapPut("/{releaseType}", PutAsync).RequireScope(ApiScope.CatalogWrite, "Define the flow of a release type");
    }

    private static async Task<IResult> ListAsync(ReleaseBotDb db, CancellationToken ct)
    {
        var flows = await db.Flows.AsNoTracking().Include(f => f.Steps).Where(f => f.SupersededAt == null).OrderBy(f => f.ReleaseType).ToListAsync(ct);
        var groups = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        return Results.Ok(flows.Select(f => FlowView.Of(f, groups)).ToList());
    }

    private static async Task<IResult> PutAsync(string releaseType, FlowBody? body, ReleaseDesk desk, DeskEditor editor, CancellationToken ct)
    {
        var definition = new FlowDefinition(body?.Steps ?? []);
        var groups = await desk.GroupIdsByNameAsync(ct);
        var errors = definition.Validate(groups.Keys.ToList()).ToList();
        Input.Text(releaseType, Registration.MaxShort, required: true, out var typeProblem);
        if (typeProblem is { } problem) errors.Add(new("releaseType", problem));
        if (errors.Count > 0) return Problems.Invalid(FieldErrors.Describe(errors));
        var (flow, changed) = await editor.PutFlowAsync(releaseType, definition, ct);
        var view = FlowView.Of(flow, groups.ToDictionary(g => g.Value, g => g.Key));
        return changed ? Results.Created($"{ApiSetup.Prefix}/flows/{Uri.EscapeDataString(flow.ReleaseType)}", view) : Results.Ok(view);
    }
}

/// <summary>The body of <c>PUT /api/v1/flows/{releaseType}</c>: the steps in order, the first one first.</summary>
public sealed record FlowBody(IReadOnlyList<StepEntry?>? Steps);

public sealed record FlowView(string ReleaseType, int Version, IReadOnlyList<StepEntry?> Steps)
{
    public static FlowView Of(ReleaseFlow flow, IReadOnlyDictionary<int, string> groupNames) => new(flow.ReleaseType, flow.Version, FlowDefinition.Of(flow, groupNames).Steps);
}
