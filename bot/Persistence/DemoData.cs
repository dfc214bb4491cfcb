using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;

namespace ReleaseBot.Persistence;

/// <summary>
/// Demo data for an empty database: the default flows, groups, solution categories, catalogs and a dozen
/// releases. Releases reach their state by walking the domain, so their logs tell a true story.
/// </summary>
public static class DemoData
{
    // The default users of the Microsoft 365 Agents Playground.
    public const string AlexWilber = "00000000-0000-0000-0000-0000000000020";
    public const string MeganBowen = "00000000-0000-0000-0000-0000000000021";
    public const string AdeleVance = "00000000-0000-0000-0000-0000000000022";
    /// <summary>In the Change Advisory Board and the release managers.</summary>
    public const string LynneRobbins = "00000000-0000-0000-0000-0000000000025";

    /// <summary>Seeds in one transaction; instances starting together wait for each other, and only the first seeds.</summary>
    public static async Task SeedIfEmptyAsync(ReleaseBotDb db, TimeProvider clock, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockAsync(SeedingLock, ct);
        if (await db.Releases.AnyAsync(ct)) return;
        await SeedAsync(db, clock, ct);
        await transaction.CommitAsync(ct);
    }

    private const long SeedingLock = 0x52454C_0001; // "REL" 1

    /// <summary>The demo desk (groups, flows, categories, catalogs), beside the app: the example a team copies.</summary>
    public static string DeskFilePath => Path.Combine(AppContext.BaseDirectory, "desk.demo.yaml");

    private static async Task SeedAsync(ReleaseBotDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var problems = await new DeskImport(db, new DeskEditor(db, clock)).ImportAsync(await File.ReadAllTextAsync(DeskFilePath, ct), ct);
        if (problems.Count > 0) throw new InvalidOperationException("The demo desk file is not valid: " + string.Join("; ", problems));
        var groups = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Name, ct);
        var (engineers, dba) = (groups["Release Engineers"], groups["Database Engineers"]);
        var flows = await db.Flows.AsNoTracking().Include(f => f.Steps).ToListAsync(ct);
        var (standard, emergency) = (flows.Single(f => f.ReleaseType == ReleaseFlow.AnyType), flows.Single(f => f.ReleaseType == "Emergency"));

        var categories = await db.SolutionCategories.ToListAsync(ct);
        var releases = new (ReleaseRequest Release, string[] Walk)[]
        {
            (Release(1001, "Payments API 2.4.0", "Rolls out the new retry policy of the payments API.", "Standard", "2.4.0", 2, engineers, now, 1), ["registro", "autorizacao"]),
            (Release(1002, "Order worker 1.18.3", "Fixes the memory leak of the order worker.", "Standard", "1.18.3", 1, engineers, now, 0), ["registro", "autorizacao", "claim:" + MeganBowen]),
            (Release(1003, "Identity service 5.2.1", "Upgrades the identity service and its token signing keys.", "Standard", "5.2.1", 2, engineers, now, 3), ["registro"]),
            (Release(1004, "Reports database migrations", "Indexes for the month-end reports.", "Standard", "2026.11.2", 3, dba, now, 5), []),
            (Release(1005, "Notification service 3.0.0", "Deduplicates outgoing e-mails.", "Standard", "3.0.0", 3, engineers, now, -2), ["registro", "autorizacao", "execucao"]),
            (Release(1006, "Customer portal 7.1", "New self-service pages on the customer portal.", "Standard", "7.1.0", 4, engineers, now, -5), ["registro", "autorizacao", "execucao", "teste"]),
            (Release(1007, "Search cluster 8.15", "Minor version upgrade of the search cluster.", "Standard", "8.15.0", 4, engineers, now, -9), ["registro", "autorizacao", "execucao", "teste", "homologacao"]),
            (Release(1008, "Mobile app 3.9", "Store release of the mobile app.", "Standard", "3.9.0", 5, engineers, now, -20), ["registro", "autorizacao", "execucao", "teste", "homologacao", "encerramento"]),
            (Release(1009, "Billing batch 12.0", "New invoice layout in the billing batch.", "Standard", "12.0.0", 2, engineers, now, -1), ["registro", "autorizacao", "execucao:not"]),
            (Release(1010, "Hotfix: TLS certificates", "Replaces the expiring TLS certificates of the edge proxies.", "Emergency", "2026.11.25", 1, dba, now, 0), ["registro"]),
            (Release(1011, "Feature flags service 1.3", "Gradual rollout support for feature flags.", "Standard", "1.3.0", 3, engineers, now, 2), ["registro", "autorizacao"]),
            (Release(1012, "Data warehouse connector 0.9", "First release of the data warehouse connector.", "Standard", "0.9.0", 5, dba, now, 7), ["registro", "autorizacao"]),
        };
        foreach (var (release, walk) in releases)
        {
            db.Releases.Add(release);
            var flow = release.Type == "Emergency" ? emergency : standard;
            release.Start(flow, now.AddDays(-30));
            foreach (var step in walk) await WalkAsync(db, release, flow, step, categories, now, ct);
            // The demo's history is not news: nobody is notified of it.
            release.ClearEvents();
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task WalkAsync(ReleaseBotDb db, ReleaseRequest release, ReleaseFlow flow, string step, IReadOnlyCollection<SolutionCategory> categories, DateTimeOffset now, CancellationToken ct)
    {
        var task = release.CurrentTask!;
        var members = await db.GroupMembers.Where(m => m.GroupId == task.CandidateGroupId).ToListAsync(ct);
        var parts = step.Split(':');
        var member = parts is ["claim", var who] ? members.Single(m => m.AadObjectId == who) : members.First();
        var actor = new Actor(member.AadObjectId, member.Name, new HashSet<int> { task.CandidateGroupId });
        var at = now.AddDays(-20 + release.Log.Count);
        Expect(release.Claim(actor, release.Revision, flow, at));
        if (parts[0] == "claim") return;
        var resolved = parts is not [_, "not"];
        var form = resolved
            ? new ClosureForm("Resolvida", categories.First().Id.ToString(), $"{flow.Step(task.StepKey).Name.En} done as planned.", DateOnly.FromDateTime(at.Date).ToString("yyyy-MM-dd"))
            : new ClosureForm("NaoResolvida", null, "Smoke tests failed after the deployment; rolled back.", null);
        Expect(release.SaveAndAdvance(actor, release.Revision, form, flow, categories, at.AddHours(2)));
    }

    private static void Expect(Refusal? refusal)
    {
        if (refusal is not null) throw new InvalidOperationException($"Demo data does not follow the domain rules: {refusal}");
    }

    private static ReleaseRequest Release(int number, string title, string description, string type, string version, int priority,
        ExecutorGroup group, DateTimeOffset now, int startsInDays)
    {
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(startsInDays);
        return new ReleaseRequest($"REL-{number}", new ReleaseDetails(
            title, description, type, version,
            Risk: priority <= 2 ? Level.High : priority == 3 ? Level.Medium : Level.Low,
            Impact: priority <= 2 ? Level.High : Level.Medium,
            Urgency: priority == 1 ? Level.High : Level.Medium,
            priority, day.AddHours(22), day.AddHours(26),
            "Adele Vance", AdeleVance, group.Id));
    }
}
