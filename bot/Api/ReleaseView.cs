using ReleaseBot.Domain;
using ReleaseBot.Persistence;

namespace ReleaseBot.Api;

/// <summary>A release as the API shows it: what a pipeline gate or an ITSM tool needs, in English codes.</summary>
public sealed record ReleaseView(
    string Key,
    string Url,
    string Title,
    string Description,
    string Type,
    string Version,
    string Status,
    int Revision,
    string Risk,
    string Impact,
    string Urgency,
    int Priority,
    DateTimeOffset PlannedStart,
    DateTimeOffset PlannedEnd,
    RequesterView Requester,
    string ExecutorGroup,
    string? ExternalId,
    TaskView? CurrentTask,
    ClosureView? Closure,
    IReadOnlyList<LinkView> Links,
    IReadOnlyList<StepView> Flow)
{
    public static ReleaseView Of(ReleaseRequest release, DeskSetup setup)
    {
        var flow = setup.FlowOf(release);
        var current = release.CurrentTask;
        var closure = release.LatestClosure;
        return new ReleaseView(release.Key, ReleasesApi.PathOf(release.Key), release.Title, release.Description, release.Type, release.Version,
            StatusCode(release.Status), release.Revision, release.Risk.ToString(), release.Impact.ToString(), release.Urgency.ToString(), release.Priority,
            release.PlannedStart, release.PlannedEnd, new RequesterView(release.RequesterName, release.RequesterAadId, release.RequesterEmail),
            setup.GroupName(release.ExecutorGroupId), release.ExternalId,
            current is null ? null : new TaskView(current.StepKey, flow.Steps.FirstOrDefault(s => s.Key == current.StepKey)?.Name.En ?? current.StepKey,
                setup.GroupName(current.CandidateGroupId), current.IsAssigned ? new PersonView(current.AssigneeName!, current.AssigneeAadId) : null, current.ClaimedAt),
            closure is null ? null : new ClosureView(SituationCode(closure.Situation!.Value), setup.Category(closure.SolutionCategoryId)?.PathIn(Language.English),
                closure.ExecutionInformation, closure.ReleaseDate, closure.FinishedAt),
            [.. release.Links.Where(l => l.Item is not null).Select(l => new LinkView(LinkCode(l.Kind), l.Item!.Code, l.Item.Title, l.Item.Version, l.Role, l.LinkedAt, l.LinkedBy))],
            [.. flow.Ordered.Select(step => StepView.Of(step, release, setup))]);
    }

    public static string StatusCode(ReleaseStatus status) => MachineNames.Of(status);

    public static string SituationCode(ExecutionSituation situation) => MachineNames.Of(situation);

    public static string LinkCode(LinkKind kind) => kind switch
    {
        LinkKind.Problem => "problem",
        LinkKind.Knowledge => "knowledge",
        LinkKind.DefinitiveMedia => "media",
        _ => "role",
    };
}

public sealed record RequesterView(string Name, string? AadObjectId, string? Email);

public sealed record PersonView(string Name, string? AadObjectId);

public sealed record TaskView(string Step, string StepName, string Group, PersonView? Assignee, DateTimeOffset? ClaimedAt);

public sealed record ClosureView(string Situation, string? Category, string? Information, DateOnly? ReleaseDate, DateTimeOffset? FinishedAt);

public sealed record LinkView(string Kind, string ExternalId, string Title, string? Version, string? Role, DateTimeOffset LinkedAt, string LinkedBy);

/// <summary>A step of the release's flow: done (with who finished it, when and how), current, or pending.</summary>
public sealed record StepView(string Step, string Name, string Group, string State, PersonView? FinishedBy, DateTimeOffset? FinishedAt, string? Outcome)
{
    public static StepView Of(FlowStep step, ReleaseRequest release, DeskSetup setup)
    {
        var group = setup.GroupName(step.CandidateGroupId ?? release.ExecutorGroupId);
        if (release.CurrentTask?.StepKey == step.Key) return new(step.Key, step.Name.En, group, "current", null, null, null);
        var done = release.Tasks.Where(t => t.StepKey == step.Key && !t.IsOpen).MaxBy(t => t.FinishedAt);
        return done is null
            ? new(step.Key, step.Name.En, group, "pending", null, null, null)
            : new(step.Key, step.Name.En, group, "done", new PersonView(done.FinishedByName ?? "?", done.FinishedByAadId), done.FinishedAt,
                done.Outcome is { } outcome ? ReleaseView.SituationCode(outcome) : null);
    }
}

/// <summary>One occurrence of the execution log.</summary>
public sealed record LogEntryView(int Revision, DateTimeOffset At, string Actor, string Occurrence, string Step, string? ToStep, string? Situation,
    string? Category, string? Subject, string? Text)
{
    public static LogEntryView Of(ExecutionLogEntry e, DeskSetup setup) => new(e.Revision, e.At, e.ActorName,
        MachineNames.Of(e.Occurrence), e.StepKey, e.ToStepKey,
        e.Situation is { } s ? ReleaseView.SituationCode(s) : null, setup.Category(e.SolutionCategoryId)?.PathIn(Language.English), e.Subject, e.Text);
}
