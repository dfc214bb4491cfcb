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
    private const string IsaiahLanger = "00000000-0000-0000-0000-0000000000023";
    private const string PattiFernandez = "00000000-0000-0000-0000-0000000000024";
    private const string LynneRobbins = "00000000-0000-0000-0000-0000000000025";

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

    private static async Task SeedAsync(ReleaseBotDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();

        var engineers = Group("Release Engineers", (AlexWilber, "Alex Wilber"), (MeganBowen, "Megan Bowen"));
        var dba = Group("Database Engineers", (PattiFernandez, "Patti Fernandez"), (MeganBowen, "Megan Bowen"));
        var qa = Group("Quality Assurance", (IsaiahLanger, "Isaiah Langer"), (MeganBowen, "Megan Bowen"));
        var cab = Group("Change Advisory Board", (LynneRobbins, "Lynne Robbins"));
        var managers = Group("Release Managers", (LynneRobbins, "Lynne Robbins"));
        db.Groups.AddRange(engineers, dba, qa, cab, managers);
        await db.SaveChangesAsync(ct);

        var standard = new ReleaseFlow
        {
            ReleaseType = ReleaseFlow.AnyType,
            Steps =
            [
                Step("registro", 1, "Registration", "Registro", managers, next: "autorizacao", status: ReleaseStatus.Registrada),
                Step("autorizacao", 2, "Authorization", "Autorização", cab, next: "execucao", status: ReleaseStatus.Aprovada),
                Step("execucao", 3, "Execution", "Execução", null, next: "teste", status: ReleaseStatus.Resolvida,
                    claimed: ReleaseStatus.EmExecucao, notResolved: "execucao"),
                Step("teste", 4, "Test", "Teste", qa, next: "homologacao", status: ReleaseStatus.Resolvida, notResolved: "execucao"),
                Step("homologacao", 5, "Acceptance", "Homologação", qa, next: "encerramento", status: ReleaseStatus.Resolvida, notResolved: "execucao"),
                Step("encerramento", 6, "Closure", "Encerramento", managers, next: null, status: ReleaseStatus.Fechada),
            ],
        };
        var emergency = new ReleaseFlow
        {
            ReleaseType = "Emergency",
            Steps =
            [
                Step("registro", 1, "Registration", "Registro", managers, next: "execucao", status: ReleaseStatus.Aprovada),
                Step("execucao", 2, "Execution", "Execução", null, next: "encerramento", status: ReleaseStatus.Resolvida,
                    claimed: ReleaseStatus.EmExecucao, notResolved: "execucao"),
                Step("encerramento", 3, "Closure", "Encerramento", managers, next: null, status: ReleaseStatus.Fechada),
            ],
        };
        db.Flows.AddRange(standard, emergency);

        var success = Category("Deployed successfully", "Implantada com sucesso");
        var reservations = Category("Deployed with reservations", "Implantada com ressalvas");
        var rollback = Category("Rollback executed", "Rollback executado");
        db.SolutionCategories.AddRange(success, reservations, rollback,
            Category("Degraded performance", "Desempenho degradado", reservations),
            Category("Partial functionality", "Funcionalidade parcial", reservations),
            Category("Deployment failed", "Falha na implantação", rollback),
            Category("Tests failed", "Falha nos testes", rollback));

        db.Catalog.AddRange(
            Item(CatalogKind.Problem, "PRB-2001", "Intermittent timeouts on the payments API"),
            Item(CatalogKind.Problem, "PRB-2002", "Memory leak in the order worker"),
            Item(CatalogKind.Problem, "PRB-2003", "Login fails after password reset"),
            Item(CatalogKind.Problem, "PRB-2004", "Slow month-end reports"),
            Item(CatalogKind.Problem, "PRB-2005", "Duplicate e-mails from the notification service"),
            Item(CatalogKind.Knowledge, "KB-3001", "Rolling back a blue-green deployment"),
            Item(CatalogKind.Knowledge, "KB-3002", "Database migration checklist"),
            Item(CatalogKind.Knowledge, "KB-3003", "Post-release smoke tests"),
            Item(CatalogKind.Knowledge, "KB-3004", "Rotating TLS certificates"),
            Item(CatalogKind.Knowledge, "KB-3005", "Feature flag rollout guide"),
            Item(CatalogKind.DefinitiveMedia, "DML-4001", "payments-api", "2.4.0", "registry/payments-api@sha256:9f2c…e41a"),
            Item(CatalogKind.DefinitiveMedia, "DML-4002", "order-worker", "1.18.3", "registry/order-worker@sha256:51b0…07cd"),
            Item(CatalogKind.DefinitiveMedia, "DML-4003", "identity-service", "5.2.1", "dml://identity/5.2.1/identity.zip"),
            Item(CatalogKind.DefinitiveMedia, "DML-4004", "reports-db-migrations", "2026.11.2", "dml://reports/2026.11.2/migrations.tar.gz"),
            Item(CatalogKind.DefinitiveMedia, "DML-4005", "notification-service", "3.0.0", "registry/notification-service@sha256:c3d7…9a10"),
            Item(CatalogKind.Person, "alexw", "Alex Wilber"),
            Item(CatalogKind.Person, "meganb", "Megan Bowen"),
            Item(CatalogKind.Person, "adelev", "Adele Vance"),
            Item(CatalogKind.Person, "isaiahl", "Isaiah Langer"),
            Item(CatalogKind.Person, "pattif", "Patti Fernandez"),
            Item(CatalogKind.Person, "lynner", "Lynne Robbins"));
        await db.SaveChangesAsync(ct);

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

    private static ExecutorGroup Group(string name, params (string Id, string Name)[] members) =>
        new() { Name = name, Members = members.Select(m => new GroupMember { AadObjectId = m.Id, Name = m.Name }).ToList() };

    private static FlowStep Step(string key, int order, string en, string pt, ExecutorGroup? group, string? next, ReleaseStatus status,
        ReleaseStatus? claimed = null, string? notResolved = null) => new()
    {
        Key = key,
        Order = order,
        Name = new LocalizedText(en, pt),
        CandidateGroupId = group?.Id,
        StatusWhenClaimed = claimed,
        NextWhenResolved = next,
        StatusWhenResolved = status,
        NextWhenNotResolved = notResolved,
        StatusWhenNotResolved = notResolved is null ? null : ReleaseStatus.NaoResolvida,
    };

    private static SolutionCategory Category(string en, string pt, SolutionCategory? parent = null) =>
        new() { Name = new LocalizedText(en, pt), Parent = parent, Key = string.Join('-', en.ToLowerInvariant().Split(' ')) };

    private static LinkableItem Item(CatalogKind kind, string code, string title, string? version = null, string? location = null) =>
        new() { Kind = kind, Code = code, Title = title, Version = version, Location = location };

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
