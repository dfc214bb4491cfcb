using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;
using ReleaseBot.Persistence;

namespace ReleaseBot.Api;

/// <summary>
/// <c>/api/v1/groups/{name}</c>: an executor group and its members, as the team's directory has them. A change of members
/// applies to the next click: someone removed mid-task can no longer save (the rule every click checks).
/// </summary>
public static class GroupsApi
{
    public const int MaxName = 100;
    public const int MaxMembers = 500;

    public static void Map(IEndpointRouteBuilder api)
    {
        var groups = api.MapGroup("/groups").WithTags("Groups");
        groups.MapGet("", ListAsync).RequireScope(ApiScope.ReleasesRead, "Executor groups and their members");
        groups.MapPut("/{name}", PutAsync).RequireScope(ApiScope.CatalogWrite, "Create a group or replace its members");
    }

    private static async Task<IResult> ListAsync(ReleaseBotDb db, CancellationToken ct) =>
        Results.Ok((await db.Groups.AsNoTracking().Include(g => g.Members).OrderBy(g => g.Name).ToListAsync(ct)).Select(GroupView.Of).ToList());

    private static async Task<IResult> PutAsync(string name, GroupBody? body, DeskEditor editor, CancellationToken ct)
    {
        var entries = body?.Members ?? [];
        var errors = entries.SelectMany((m, i) => (m ?? new MemberEntry(null, null, null)).Validate($"members[{i}]")).ToList();
        Input.Text(name, MaxName, required: true, out var nameProblem);
        if (nameProblem is { } problem) errors.Add(new("name", problem));
        if (entries.Count > MaxMembers) errors.Add(new("members", InputProblem.TooLong));
        if (errors.Count > 0) return Problems.Invalid(FieldErrors.Describe(errors));
        var (group, created) = await editor.PutGroupAsync(name, entries, body?.ManagesReleases, ct);
        var view = GroupView.Of(group);
        return created ? Results.Created($"{ApiSetup.Prefix}/groups/{Uri.EscapeDataString(group.Name)}", view) : Results.Ok(view);
    }
}

/// <summary>
/// The body of <c>PUT /api/v1/groups/{name}</c>: every member (those left out leave the group), and whether they are
/// release managers (left out: as it was; a new group's are not).
/// </summary>
public sealed record GroupBody(IReadOnlyList<MemberEntry>? Members, bool? ManagesReleases = null);

public sealed record GroupView(string Name, bool ManagesReleases, IReadOnlyList<MemberView> Members)
{
    public static GroupView Of(ExecutorGroup group) =>
        new(group.Name, group.ManagesReleases, [.. group.Members.OrderBy(m => m.Name).Select(m => new MemberView(m.AadObjectId, m.Name, m.Email))]);
}

public sealed record MemberView(string AadObjectId, string Name, string? Email);
