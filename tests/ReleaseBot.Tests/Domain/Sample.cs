using ReleaseBot.Domain;

namespace ReleaseBot.Tests.Domain;

/// <summary>
/// A small world in memory, shaped like the default flow of the demo data:
/// registro → autorizacao → execucao → teste → homologacao → encerramento.
/// </summary>
internal static class Sample
{
    public const int Engineers = 1;
    public const int Dba = 2;
    public const int Qa = 3;
    public const int Cab = 4;
    public const int Managers = 5;

    public static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public static readonly Actor Alex = new("aad-alex", "Alex Wilber", new HashSet<int> { Engineers });
    public static readonly Actor Megan = new("aad-megan", "Megan Bowen", new HashSet<int> { Engineers, Qa, Dba });
    public static readonly Actor Adele = new("aad-adele", "Adele Vance", new HashSet<int>());
    public static readonly Actor Isaiah = new("aad-isaiah", "Isaiah Langer", new HashSet<int> { Qa });
    public static readonly Actor Lynne = new("aad-lynne", "Lynne Robbins", new HashSet<int> { Cab, Managers });

    /// <summary>Alex after he left every group: same person, no membership.</summary>
    public static readonly Actor AlexWithoutGroups = Alex with { GroupIds = new HashSet<int>() };

    public static ReleaseFlow StandardFlow() => new()
    {
        Id = 1,
        ReleaseType = ReleaseFlow.AnyType,
        // Deliberately not in order: the flow orders its steps by Order, not by position.
        Steps =
        [
            Step("teste", 4, Qa, next: "homologacao", resolved: ReleaseStatus.Resolvida, notResolved: "execucao"),
            Step("registro", 1, Managers, next: "autorizacao", resolved: ReleaseStatus.Registrada),
            Step("autorizacao", 2, Cab, next: "execucao", resolved: ReleaseStatus.Aprovada),
            Step("execucao", 3, null, next: "teste", resolved: ReleaseStatus.Resolvida, claimed: ReleaseStatus.EmExecucao, notResolved: "execucao"),
            Step("homologacao", 5, Qa, next: "encerramento", resolved: ReleaseStatus.Resolvida, notResolved: "execucao"),
            Step("encerramento", 6, Managers, next: null, resolved: ReleaseStatus.Fechada),
        ],
    };

    public static ReleaseFlow EmergencyFlow() => new()
    {
        Id = 2,
        ReleaseType = "Emergency",
        Steps =
        [
            Step("registro", 1, Managers, next: "execucao", resolved: ReleaseStatus.Aprovada),
            Step("execucao", 2, null, next: "encerramento", resolved: ReleaseStatus.Resolvida, claimed: ReleaseStatus.EmExecucao, notResolved: "execucao"),
            Step("encerramento", 3, Managers, next: null, resolved: ReleaseStatus.Fechada),
        ],
    };

    private static FlowStep Step(string key, int order, int? group, string? next, ReleaseStatus resolved,
        ReleaseStatus? claimed = null, string? notResolved = null) => new()
    {
        Key = key,
        Order = order,
        Name = new LocalizedText(key + " (en)", key + " (pt)"),
        CandidateGroupId = group,
        StatusWhenClaimed = claimed,
        NextWhenResolved = next,
        StatusWhenResolved = resolved,
        NextWhenNotResolved = notResolved,
        StatusWhenNotResolved = notResolved is null ? null : ReleaseStatus.NaoResolvida,
    };

    public static IReadOnlyList<SolutionCategory> Categories()
    {
        var success = new SolutionCategory { Id = 1, Name = new LocalizedText("Deployed successfully", "Implantada com sucesso") };
        var reservations = new SolutionCategory { Id = 2, Name = new LocalizedText("Deployed with reservations", "Implantada com ressalvas") };
        var degraded = new SolutionCategory
        {
            Id = 3, ParentId = 2, Parent = reservations, Name = new LocalizedText("Degraded performance", "Desempenho degradado"),
        };
        return [success, reservations, degraded];
    }

    public static LinkableItem Problem { get; } = new() { Id = 11, Kind = CatalogKind.Problem, Code = "PRB-2001", Title = "Timeouts on the payments API" };
    public static LinkableItem Article { get; } = new() { Id = 21, Kind = CatalogKind.Knowledge, Code = "KB-3001", Title = "Rolling back a deployment" };
    public static LinkableItem Media { get; } = new()
    {
        Id = 31, Kind = CatalogKind.DefinitiveMedia, Code = "DML-4001", Title = "payments-api", Version = "2.4.0", Location = "registry/payments-api@sha256:9f2c",
    };
    public static LinkableItem PersonMegan { get; } = new() { Id = 41, Kind = CatalogKind.Person, Code = "meganb", Title = "Megan Bowen" };

    /// <summary>A new release of the default flow, started: its first task waits at registro.</summary>
    public static ReleaseRequest NewRelease(ReleaseFlow flow, int executorGroup = Engineers)
    {
        var release = new ReleaseRequest("REL-1001", new ReleaseDetails("Payments API 2.4.0", "", "Standard", "2.4.0", Level.High, Level.High, Level.Medium, 2,
            Now.AddDays(1), Now.AddDays(1).AddHours(4), "Adele Vance", "aad-adele", executorGroup));
        release.Start(flow, Now.AddDays(-3));
        return release;
    }

    /// <summary>A member of the current task's candidate group, for walking the flow.</summary>
    public static Actor MemberFor(ReleaseRequest release)
    {
        var group = release.CurrentTask!.CandidateGroupId;
        return new Actor($"aad-walker-{group}", $"Walker {group}", new HashSet<int> { group });
    }

    public static ClosureForm Resolved(string information = "Done as planned.") =>
        new("Resolvida", "1", information, "2026-11-25");

    public static ClosureForm NotResolved(string information = "Smoke tests failed; rolled back.") =>
        new("NaoResolvida", null, information, null);

    /// <summary>Walks the release through the domain (claim, save and advance as resolved) until its current task is at <paramref name="stepKey"/>.</summary>
    public static ReleaseRequest WalkTo(ReleaseRequest release, ReleaseFlow flow, string stepKey)
    {
        var categories = Categories();
        while (release.CurrentTask!.StepKey != stepKey)
        {
            var actor = MemberFor(release);
            Assert.Null(release.Claim(actor, release.Revision, flow, Now));
            Assert.Null(release.SaveAndAdvance(actor, release.Revision, Resolved(), flow, categories, Now));
        }
        return release;
    }

    /// <summary>REL-1001 as the demo data has it: waiting, unassigned, at execucao for the executor group.</summary>
    public static (ReleaseRequest Release, ReleaseFlow Flow) WaitingAtExecution()
    {
        var flow = StandardFlow();
        return (WalkTo(NewRelease(flow), flow, "execucao"), flow);
    }

    /// <summary>A release at execucao whose task Alex claimed.</summary>
    public static (ReleaseRequest Release, ReleaseFlow Flow) ClaimedByAlex()
    {
        var (release, flow) = WaitingAtExecution();
        Assert.Null(release.Claim(Alex, release.Revision, flow, Now));
        return (release, flow);
    }

    /// <summary>Everything a refused request must leave as it was.</summary>
    public static string Snapshot(ReleaseRequest r) => string.Join("|",
        r.Revision, r.Status, r.Log.Count, r.Tasks.Count,
        string.Join(",", r.Tasks.Select(t => $"{t.StepKey}/{t.CandidateGroupId}/{t.AssigneeAadId}/{t.ClaimedAt}/{t.FinishedAt}/{t.FinishedByAadId}/{t.Outcome}/{t.Situation}/{t.SolutionCategoryId}/{t.ExecutionInformation}/{t.ReleaseDate}")),
        string.Join(",", r.Links.Select(l => $"{l.Id}/{l.Kind}/{l.ItemId}/{l.Role}")));
}
