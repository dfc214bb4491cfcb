namespace ReleaseBot.Domain;

/// <summary>
/// A release request and the rules of executing it. Every change checks who acts and which
/// revision of the release they saw, bumps <see cref="Revision"/> and appends to the execution log.
/// A method that returns a <see cref="Refusal"/> has changed nothing.
/// </summary>
public sealed class ReleaseRequest
{
    public const int MaxRoleLength = 100;

    public int Id { get; set; }
    /// <summary>The key people use, e.g. REL-1001.</summary>
    public required string Key { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public required string Type { get; set; }
    public string Version { get; set; } = "";
    public Level Risk { get; set; }
    public Level Impact { get; set; }
    public Level Urgency { get; set; }
    /// <summary>1 is the highest priority, 5 the lowest.</summary>
    public int Priority { get; set; }
    public DateTimeOffset PlannedStart { get; set; }
    public DateTimeOffset PlannedEnd { get; set; }
    public required string RequesterName { get; set; }
    public string? RequesterAadId { get; set; }
    public int ExecutorGroupId { get; set; }
    public ExecutorGroup? ExecutorGroup { get; set; }
    public ReleaseStatus Status { get; set; }

    /// <summary>Bumped by every change; a card carries the revision its user saw.</summary>
    public int Revision { get; set; }

    public List<ReleaseTask> Tasks { get; set; } = [];
    public List<ReleaseLink> Links { get; set; } = [];
    public List<ExecutionLogEntry> Log { get; set; } = [];

    public ReleaseTask? CurrentTask => Tasks.SingleOrDefault(t => t.IsOpen);

    /// <summary>The closure people see on the release: the current task's, else the last finished task's.</summary>
    public ReleaseTask? LatestClosure =>
        CurrentTask is { HasClosure: true } current ? current : Tasks.Where(t => !t.IsOpen && t.HasClosure).MaxBy(t => t.FinishedAt);

    /// <summary>The current task waits for one of the actor's groups and nobody holds it.</summary>
    public bool MayBeClaimedBy(Actor actor) =>
        CurrentTask is { IsAssigned: false } task && actor.IsMemberOf(task.CandidateGroupId);

    /// <summary>The actor holds the current task and still belongs to its group.</summary>
    public bool MayBeExecutedBy(Actor actor) => WhyNotExecutableBy(actor) is null;

    /// <summary>Starts the flow: the first task, waiting for its group.</summary>
    public void Start(ReleaseFlow flow, DateTimeOffset now)
    {
        var first = flow.First;
        Tasks.Add(NewTask(first, now));
    }

    /// <summary>Confirms the assignment of the current task to the actor ("Capturar tarefa").</summary>
    public Refusal? Claim(Actor actor, int seenRevision, ReleaseFlow flow, DateTimeOffset now)
    {
        if (CurrentTask is not { } task) return new(RefusalReason.NoOpenTask);
        if (task.IsAssignedTo(actor))
            return actor.IsMemberOf(task.CandidateGroupId) ? new(RefusalReason.AlreadyYours, actor.Name) : new(RefusalReason.NotCandidate);
        if (task.IsAssigned) return new(RefusalReason.AssignedToOther, task.AssigneeName);
        if (!actor.IsMemberOf(task.CandidateGroupId)) return new(RefusalReason.NotCandidate);
        if (seenRevision != Revision) return new(RefusalReason.StaleCard);

        task.AssigneeAadId = actor.AadObjectId;
        task.AssigneeName = actor.Name;
        task.ClaimedAt = now;
        if (flow.Step(task.StepKey).StatusWhenClaimed is { } status) Status = status;
        Record(actor, now, Occurrence.TaskClaimed, task.StepKey);
        return null;
    }

    /// <summary>"Gravar e manter a tarefa atual": saves the closing area; the task stays current and assigned.</summary>
    public Refusal? SaveAndKeep(Actor actor, int seenRevision, ClosureForm form, ReleaseFlow flow, IReadOnlyCollection<SolutionCategory> categories, DateTimeOffset now) =>
        Save(actor, seenRevision, form, flow, categories, now, advancing: false);

    /// <summary>"Gravar e avançar o fluxo": saves, finishes the task and moves to the step its outcome leads to.</summary>
    public Refusal? SaveAndAdvance(Actor actor, int seenRevision, ClosureForm form, ReleaseFlow flow, IReadOnlyCollection<SolutionCategory> categories, DateTimeOffset now) =>
        Save(actor, seenRevision, form, flow, categories, now, advancing: true);

    private Refusal? Save(Actor actor, int seenRevision, ClosureForm form, ReleaseFlow flow, IReadOnlyCollection<SolutionCategory> categories, DateTimeOffset now, bool advancing)
    {
        if (RefuseExecution(actor, seenRevision) is { } refusal) return refusal;
        var task = CurrentTask!;
        var step = flow.Step(task.StepKey);
        var (closure, errors) = form.Validate(step, categories, advancing);
        if (closure is null) return Refusal.Invalid(errors);

        task.Situation = closure.Situation;
        task.SolutionCategoryId = closure.Category?.Id;
        task.SolutionCategory = closure.Category;
        task.ExecutionInformation = closure.ExecutionInformation;
        task.ReleaseDate = closure.ReleaseDate;
        Record(actor, now, Occurrence.ExecutionSaved, task.StepKey, situation: closure.Situation,
            categoryId: closure.Category?.Id, text: closure.ExecutionInformation);
        if (advancing) Advance(actor, task, step, flow, closure.Situation, now);
        return null;
    }

    private void Advance(Actor actor, ReleaseTask task, FlowStep step, ReleaseFlow flow, ExecutionSituation outcome, DateTimeOffset now)
    {
        var resolved = outcome == ExecutionSituation.Resolvida;
        var nextKey = resolved ? step.NextWhenResolved : step.NextWhenNotResolved;
        Status = resolved ? step.StatusWhenResolved : step.StatusWhenNotResolved ?? ReleaseStatus.NaoResolvida;
        task.FinishedAt = now;
        task.FinishedByAadId = actor.AadObjectId;
        task.FinishedByName = actor.Name;
        task.Outcome = outcome;
        if (nextKey is not null) Tasks.Add(NewTask(flow.Step(nextKey), now));
        Record(actor, now, Occurrence.FlowAdvanced, task.StepKey, toStepKey: nextKey, situation: outcome);
    }

    /// <summary>Links a catalog item (a person with their role, for roles) to the release.</summary>
    public Refusal? Link(Actor actor, int seenRevision, LinkKind kind, LinkableItem? item, string? role, DateTimeOffset now)
    {
        if (RefuseExecution(actor, seenRevision) is { } refusal) return refusal;
        role = kind == LinkKind.Role ? role?.Trim() : null;
        if (kind == LinkKind.Role && (item is null || string.IsNullOrEmpty(role) || role.Length > MaxRoleLength)) return new(RefusalReason.InvalidRole);
        if (item is null || item.Kind != kind.CatalogOf()) return new(RefusalReason.ItemNotFound);
        if (Links.Any(l => l.Kind == kind && l.ItemId == item.Id && string.Equals(l.Role, role, StringComparison.OrdinalIgnoreCase)))
            return new(RefusalReason.AlreadyLinked);

        Links.Add(new ReleaseLink { Kind = kind, ItemId = item.Id, Item = item, Role = role, LinkedAt = now, LinkedBy = actor.Name });
        Record(actor, now, Occurrence.ItemLinked, CurrentTask!.StepKey, subject: Describe(kind, item, role));
        return null;
    }

    public Refusal? Unlink(Actor actor, int seenRevision, int linkId, DateTimeOffset now)
    {
        if (RefuseExecution(actor, seenRevision) is { } refusal) return refusal;
        if (Links.FirstOrDefault(l => l.Id == linkId) is not { Item: not null } link) return new(RefusalReason.LinkNotFound);

        Links.Remove(link);
        Record(actor, now, Occurrence.ItemUnlinked, CurrentTask!.StepKey, subject: Describe(link.Kind, link.Item, link.Role));
        return null;
    }

    /// <summary>Why the actor may not execute the current task now; null when they may.</summary>
    public Refusal? WhyNotExecutableBy(Actor actor)
    {
        if (CurrentTask is not { } task) return new(RefusalReason.NoOpenTask);
        if (!task.IsAssigned) return new(RefusalReason.NotAssignee);
        if (!task.IsAssignedTo(actor)) return new(RefusalReason.AssignedToOther, task.AssigneeName);
        if (!actor.IsMemberOf(task.CandidateGroupId)) return new(RefusalReason.NotCandidate);
        return null;
    }

    private Refusal? RefuseExecution(Actor actor, int seenRevision) =>
        WhyNotExecutableBy(actor) ?? (seenRevision != Revision ? new(RefusalReason.StaleCard) : null);

    private ReleaseTask NewTask(FlowStep step, DateTimeOffset now) => new()
    {
        StepKey = step.Key,
        CandidateGroupId = step.CandidateGroupId ?? ExecutorGroupId,
        CreatedAt = now,
    };

    private static string Describe(LinkKind kind, LinkableItem item, string? role) =>
        kind == LinkKind.Role ? $"{item.Title} — {role}" : item.Label;

    private void Record(Actor actor, DateTimeOffset now, Occurrence occurrence, string stepKey,
        string? toStepKey = null, ExecutionSituation? situation = null, int? categoryId = null, string? subject = null, string? text = null)
    {
        Revision++;
        Log.Add(new ExecutionLogEntry
        {
            Revision = Revision,
            At = now,
            ActorAadId = actor.AadObjectId,
            ActorName = actor.Name,
            Occurrence = occurrence,
            StepKey = stepKey,
            ToStepKey = toStepKey,
            Situation = situation,
            SolutionCategoryId = categoryId,
            Subject = subject,
            Text = text,
        });
    }
}
