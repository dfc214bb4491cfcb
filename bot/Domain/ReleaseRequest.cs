using ReleaseBot.Domain.Events;

namespace ReleaseBot.Domain;

/// <summary>
/// A release request and the rules of executing it. Its tasks, links and log change only through its methods:
/// every change checks who acts and which revision of the release they saw, bumps <see cref="Revision"/>,
/// and raises a <see cref="ReleaseEvent"/> that is appended to the execution log and left in <see cref="Events"/>
/// for whoever saves the release. A method that returns a <see cref="Refusal"/> has changed nothing.
/// </summary>
public sealed class ReleaseRequest
{
    public const int MaxRoleLength = 100;
    public const int MaxReasonLength = 1000;

    private readonly List<ReleaseTask> tasks = [];
    private readonly List<ReleaseLink> links = [];
    private readonly List<ExecutionLogEntry> log = [];
    private readonly List<ReleaseEvent> events = [];

    private ReleaseRequest()
    {
    }

    public ReleaseRequest(string key, ReleaseDetails details)
    {
        Key = key;
        Title = details.Title;
        Description = details.Description;
        Type = details.Type;
        Version = details.Version;
        Risk = details.Risk;
        Impact = details.Impact;
        Urgency = details.Urgency;
        Priority = details.Priority;
        PlannedStart = details.PlannedStart;
        PlannedEnd = details.PlannedEnd;
        RequesterName = details.RequesterName;
        RequesterAadId = details.RequesterAadId;
        RequesterEmail = details.RequesterEmail;
        ExternalId = details.ExternalId;
        ExecutorGroupId = details.ExecutorGroupId;
        Status = ReleaseStatus.Registrada;
    }

    /// <summary>
    /// Registers a release and starts its flow: the first task waits for its group, and the log's first entry
    /// names who registered it (a person, or the API key of a pipeline or ITSM tool). Problems, knowledge articles and
    /// definitive media may come linked; people are linked later, with their roles, by the executors.
    /// </summary>
    public static ReleaseRequest Register(string key, ReleaseDetails details, ReleaseFlow flow, Actor registrant, DateTimeOffset now,
        IReadOnlyList<LinkableItem>? items = null)
    {
        var release = new ReleaseRequest(key, details);
        release.Start(flow, now);
        foreach (var item in (items ?? []).DistinctBy(i => i.Id).Where(i => i.Kind != CatalogKind.Person))
            release.links.Add(new ReleaseLink(item.Kind.LinkOf(), item, null, now, registrant.Name));
        release.Record(new ReleaseRegistered(release.Stamp(registrant, now, release.CurrentTask!)));
        return release;
    }

    /// <summary>Release managers register releases in chat (the API's keys are checked by their scope instead).</summary>
    public static Refusal? WhyNotRegistrableBy(Actor actor) => actor.ManagesReleases ? null : new(RefusalReason.NotReleaseManager);

    public int Id { get; private set; }
    /// <summary>The key people use, e.g. REL-1001.</summary>
    public string Key { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string Type { get; private set; } = "";
    public string Version { get; private set; } = "";
    public Level Risk { get; private set; }
    public Level Impact { get; private set; }
    public Level Urgency { get; private set; }
    /// <summary>1 is the highest priority, 5 the lowest.</summary>
    public int Priority { get; private set; }
    public DateTimeOffset PlannedStart { get; private set; }
    public DateTimeOffset PlannedEnd { get; private set; }
    public string RequesterName { get; private set; } = "";
    public string? RequesterAadId { get; private set; }
    public string? RequesterEmail { get; private set; }
    public int ExecutorGroupId { get; private set; }
    public ReleaseStatus Status { get; private set; }
    /// <summary>While suspended: the status it returns to when resumed.</summary>
    public ReleaseStatus? StatusBeforeSuspension { get; private set; }
    /// <summary>The version of its type's flow the release started on (none for releases from before flows had versions).</summary>
    public int? FlowId { get; private set; }
    /// <summary>The release's id in the system that registered it (a pipeline run, an ITSM ticket), if it gave one.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>Bumped by every change; a card carries the revision its user saw.</summary>
    public int Revision { get; private set; }

    /// <summary>
    /// The tasks loaded with the release. They run one at a time, and a finished task is history no change
    /// touches: a release read for a change or a card holds only its open task and the finished ones the rules look back on,
    /// and its whole history is read only where it is shown (its flow).
    /// </summary>
    public IReadOnlyList<ReleaseTask> Tasks => tasks;
    public IReadOnlyList<ReleaseLink> Links => links;
    /// <summary>The entries of the execution log that were loaded with the release, and those its changes appended.</summary>
    public IReadOnlyList<ExecutionLogEntry> Log => log;
    /// <summary>What happened to this instance since it was loaded (or since <see cref="ClearEvents"/>).</summary>
    public IReadOnlyList<ReleaseEvent> Events => events;

    public void ClearEvents() => events.Clear();

    public ReleaseTask? CurrentTask => tasks.SingleOrDefault(t => t.IsOpen);

    /// <summary>The current task's closure once it has one; before that, the closure of the last finished task.</summary>
    public ReleaseTask? LatestClosure =>
        CurrentTask is { HasClosure: true } current ? current : tasks.Where(t => !t.IsOpen && t.HasClosure).MaxBy(t => t.FinishedAt);

    /// <summary>The current task waits for one of the actor's groups and nobody holds it.</summary>
    public bool MayBeClaimedBy(Actor actor) =>
        Status != ReleaseStatus.Suspensa && CurrentTask is { IsAssigned: false } task && actor.IsMemberOf(task.CandidateGroupId);

    /// <summary>The actor holds the current task and still belongs to its group.</summary>
    public bool MayBeExecutedBy(Actor actor) => WhyNotExecutableBy(actor) is null;

    /// <summary>Starts the flow: the first task, waiting for its group. The release keeps that version of the flow.</summary>
    public void Start(ReleaseFlow flow, DateTimeOffset now)
    {
        FlowId = flow.Id == 0 ? null : flow.Id;
        tasks.Add(NewTask(flow.First, now));
    }

    /// <summary>Confirms the assignment of the current task to the actor ("Capturar tarefa").</summary>
    public Refusal? Claim(Actor actor, int seenRevision, ReleaseFlow flow, DateTimeOffset now)
    {
        if (Refuse(actor, seenRevision, Act.Claim) is { } refusal) return refusal;
        var task = CurrentTask!;
        task.AssignTo(actor, now);
        if (flow.Step(task.StepKey).StatusWhenClaimed is { } status) Status = status;
        Record(new TaskClaimed(Stamp(actor, now, task)));
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

        task.Close(closure);
        Record(new ExecutionSaved(Stamp(actor, now, task), closure.Situation, closure.Category?.Id, closure.ExecutionInformation));
        if (advancing) Advance(actor, task, step, flow, closure.Situation, now);
        return null;
    }

    private void Advance(Actor actor, ReleaseTask task, FlowStep step, ReleaseFlow flow, ExecutionSituation outcome, DateTimeOffset now)
    {
        var resolved = outcome == ExecutionSituation.Resolvida;
        var nextKey = resolved ? step.NextWhenResolved : step.NextWhenNotResolved;
        var statusBefore = Status;
        Status = resolved ? step.StatusWhenResolved : step.StatusWhenNotResolved ?? ReleaseStatus.NaoResolvida;
        task.Finish(actor, outcome, now);
        var next = nextKey is null ? null : NewTask(flow.Step(nextKey), now);
        if (next is not null) tasks.Add(next);
        var becameResolved = Status == ReleaseStatus.Resolvida && statusBefore != ReleaseStatus.Resolvida;
        Record(new FlowAdvanced(Stamp(actor, now, task), outcome, nextKey, next?.CandidateGroupId, becameResolved));
    }

    /// <summary>
    /// Approves or rejects the current task, an approval step ("Aprovar" / "Reprovar"), with an optional comment: any member
    /// of its group may, without claiming it first, unless someone holds it. One decision wins: it moves the revision on,
    /// and a second decision, on the revision the first saw, is refused as an old card. Approving advances as resolved;
    /// rejecting follows the step's not-resolved path (none: the flow ends, not resolved).
    /// </summary>
    public Refusal? Decide(Actor actor, int seenRevision, bool approve, string? comment, ReleaseFlow flow, DateTimeOffset now)
    {
        if (WhyNotDecidableBy(actor, seenRevision, flow) is { } refusal) return refusal;
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > MaxReasonLength }) return new(RefusalReason.InvalidReason);
        var task = CurrentTask!;
        if (!task.IsAssigned) task.AssignTo(actor, now);
        Record(new ApprovalDecided(Stamp(actor, now, task), approve, comment));
        Advance(actor, task, flow.Step(task.StepKey), flow, approve ? ExecutionSituation.Resolvida : ExecutionSituation.NaoResolvida, now);
        return null;
    }

    /// <summary>Why the actor may not approve or reject the current task now; null when they may.</summary>
    public Refusal? WhyNotDecidableBy(Actor actor, int seenRevision, ReleaseFlow flow)
    {
        var refusal = Refuse(actor, seenRevision, Act.Decide);
        if (refusal is { Reason: RefusalReason.StaleCard }) return refusal;
        if (CurrentTask is { } task && !flow.Step(task.StepKey).IsApproval) return new(RefusalReason.NotAnApproval);
        return refusal;
    }

    /// <summary>Links a catalog item (a person with their role, for roles) to the release.</summary>
    public Refusal? Link(Actor actor, int seenRevision, LinkKind kind, LinkableItem? item, string? role, DateTimeOffset now)
    {
        if (RefuseExecution(actor, seenRevision) is { } refusal) return refusal;
        role = kind == LinkKind.Role ? role?.Trim() : null;
        if (kind == LinkKind.Role && (item is null || string.IsNullOrEmpty(role) || role.Length > MaxRoleLength)) return new(RefusalReason.InvalidRole);
        if (item is null || item.Kind != kind.CatalogOf()) return new(RefusalReason.ItemNotFound);
        if (links.Any(l => l.Kind == kind && l.ItemId == item.Id && string.Equals(l.Role, role, StringComparison.OrdinalIgnoreCase)))
            return new(RefusalReason.AlreadyLinked);

        var link = new ReleaseLink(kind, item, role, now, actor.Name);
        links.Add(link);
        Record(new ItemLinked(Stamp(actor, now, CurrentTask!), kind, link.Subject));
        return null;
    }

    public Refusal? Unlink(Actor actor, int seenRevision, int linkId, DateTimeOffset now)
    {
        if (RefuseExecution(actor, seenRevision) is { } refusal) return refusal;
        if (links.FirstOrDefault(l => l.Id == linkId) is not { Item: not null } link) return new(RefusalReason.LinkNotFound);

        links.Remove(link);
        Record(new ItemUnlinked(Stamp(actor, now, CurrentTask!), link.Kind, link.Subject));
        return null;
    }

    public const int MaxNoteLength = 4000;
    public const int MaxUrlLength = 2000;

    /// <summary>
    /// Adds a free occurrence to the execution log, like CITSmart's: anyone who may see the release may write one,
    /// whatever its task or status, so no revision is checked. The note is kept as written (trimmed).
    /// </summary>
    public Refusal? AddNote(Actor author, string? text, string? url, DateTimeOffset now)
    {
        text = text?.Trim();
        url = string.IsNullOrWhiteSpace(url) ? null : url.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxNoteLength) return new(RefusalReason.InvalidNote);
        if (url is not null && (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var address)
            || address.Scheme is not ("https" or "http"))) return new(RefusalReason.InvalidNote);
        var task = CurrentTask ?? tasks.MaxBy(t => t.FinishedAt)!;
        Record(new NoteAdded(Stamp(author, now, task), text, url));
        return null;
    }

    /// <summary>Suspends the release ("Suspensa"), for a reason: its task refuses claims and saves until it is resumed.</summary>
    public Refusal? Suspend(Actor actor, int seenRevision, string? reason, DateTimeOffset now)
    {
        if (WhyNotSuspendableBy(actor, seenRevision) is { } refusal) return refusal;
        if (Reason(reason) is not { } why) return new(RefusalReason.InvalidReason);
        var task = CurrentTask!;
        StatusBeforeSuspension = Status;
        Status = ReleaseStatus.Suspensa;
        Record(new ReleaseSuspended(Stamp(actor, now, task), why));
        return null;
    }

    /// <summary>Resumes a suspended release where it was: its status and its task as they were.</summary>
    public Refusal? Resume(Actor actor, int seenRevision, DateTimeOffset now)
    {
        if (WhyNotResumableBy(actor, seenRevision) is { } refusal) return refusal;
        var task = CurrentTask!;
        Status = StatusBeforeSuspension ?? ReleaseStatus.Registrada;
        StatusBeforeSuspension = null;
        Record(new ReleaseResumed(Stamp(actor, now, task)));
        return null;
    }

    /// <summary>
    /// Cancels the release ("Cancelada"), for a reason: its open task ends with no outcome. Release managers may cancel
    /// a release in progress; its requester too, until its execution started. Final unless it is reopened.
    /// </summary>
    public Refusal? Cancel(Actor actor, int seenRevision, string? reason, DateTimeOffset now)
    {
        if (WhyNotCancellableBy(actor, seenRevision) is { } refusal) return refusal;
        if (Reason(reason) is not { } why) return new(RefusalReason.InvalidReason);
        var task = CurrentTask!;
        task.Withdraw(actor, now);
        Status = ReleaseStatus.Cancelada;
        StatusBeforeSuspension = null;
        Record(new ReleaseCancelled(Stamp(actor, now, task), why));
        return null;
    }

    /// <summary>
    /// Reopens a release whose flow ended, or that was cancelled, into a step of its flow (after a rollback, say):
    /// a new task waits there for its group, and the release takes the status it has on arriving at that step.
    /// </summary>
    public Refusal? Reopen(Actor actor, int seenRevision, string? stepKey, string? reason, ReleaseFlow flow, DateTimeOffset now)
    {
        if (WhyNotReopenableBy(actor, seenRevision) is { } refusal) return refusal;
        if (flow.Steps.FirstOrDefault(s => s.Key == stepKey) is not { } step) return new(RefusalReason.UnknownStep);
        if (Reason(reason) is not { } why) return new(RefusalReason.InvalidReason);
        var task = NewTask(step, now);
        tasks.Add(task);
        Status = flow.StatusOnArrivalAt(step.Key);
        Record(new ReleaseReopened(Stamp(actor, now, task), why, task.CandidateGroupId));
        return null;
    }

    /// <summary>
    /// Hands the current task to another member of its group ("Repassar"): its holder may, and a release manager may
    /// reassign it whoever holds it. <paramref name="to"/> is the new assignee as the desk knows them (their groups).
    /// </summary>
    public Refusal? HandOver(Actor actor, int seenRevision, Actor to, DateTimeOffset now)
    {
        if (WhyNotHandedOnBy(actor, seenRevision) is { } refusal) return refusal;
        var task = CurrentTask!;
        if (!to.IsMemberOf(task.CandidateGroupId)) return new(RefusalReason.NotInTaskGroup, to.Name);
        if (task.IsAssignedTo(to)) return new(RefusalReason.AlreadyYours, to.Name);
        task.AssignTo(to, now);
        Record(new TaskHandedOver(Stamp(actor, now, task), to.AadObjectId, to.Name));
        return null;
    }

    /// <summary>Gives the current task back to its group, unassigned ("Devolver"): its holder may, and a release manager.</summary>
    public Refusal? GiveBack(Actor actor, int seenRevision, DateTimeOffset now)
    {
        if (WhyNotGivenBackBy(actor, seenRevision) is { } refusal) return refusal;
        var task = CurrentTask!;
        task.Unassign();
        Record(new TaskHandedOver(Stamp(actor, now, task), null, null));
        return null;
    }

    /// <summary>A reason as kept: trimmed, not empty, not too long; null when it is not one.</summary>
    private static string? Reason(string? reason) =>
        reason?.Trim() is { Length: > 0 and <= MaxReasonLength } why ? why : null;

    // Why the actor may not do each of these now, from a card that showed seenRevision (the revision now: may they, to
    // offer the button); null when they may. The reason or the person it takes is checked by the change itself.

    public Refusal? WhyNotSuspendableBy(Actor actor, int seenRevision) =>
        RefuseManagement(actor, seenRevision)
        ?? (Status == ReleaseStatus.Suspensa ? new(RefusalReason.Suspended)
            : Status == ReleaseStatus.Cancelada ? new(RefusalReason.Cancelled)
            : CurrentTask is null ? new(RefusalReason.NoOpenTask)
            : null);

    public Refusal? WhyNotResumableBy(Actor actor, int seenRevision) =>
        RefuseManagement(actor, seenRevision) ?? (Status != ReleaseStatus.Suspensa || CurrentTask is null ? new(RefusalReason.NotSuspended) : null);

    /// <summary>Release managers cancel a release in progress; its requester too, until its execution started.</summary>
    public Refusal? WhyNotCancellableBy(Actor actor, int seenRevision)
    {
        var requester = RequesterAadId is not null && actor.AadObjectId == RequesterAadId;
        return seenRevision != Revision ? new(RefusalReason.StaleCard)
            : !actor.ManagesReleases && !requester ? new(RefusalReason.NotReleaseManager)
            : Status == ReleaseStatus.Cancelada ? new(RefusalReason.Cancelled)
            : CurrentTask is null ? new(RefusalReason.NoOpenTask)
            : !actor.ManagesReleases && Status is not (ReleaseStatus.Registrada or ReleaseStatus.Aprovada) ? new(RefusalReason.ExecutionStarted)
            : null;
    }

    public Refusal? WhyNotReopenableBy(Actor actor, int seenRevision) =>
        RefuseManagement(actor, seenRevision) ?? (CurrentTask is not null ? new(RefusalReason.StillOpen) : null);

    /// <summary>Who may hand the current task on: its holder (still in its group), or a release manager; never while suspended.</summary>
    public Refusal? WhyNotHandedOnBy(Actor actor, int seenRevision)
    {
        if (actor.ManagesReleases)
            return seenRevision != Revision ? new(RefusalReason.StaleCard)
                : Status == ReleaseStatus.Suspensa ? new(RefusalReason.Suspended)
                : CurrentTask is null ? new(RefusalReason.NoOpenTask)
                : null;
        return RefuseExecution(actor, seenRevision);
    }

    public Refusal? WhyNotGivenBackBy(Actor actor, int seenRevision) =>
        WhyNotHandedOnBy(actor, seenRevision) ?? (CurrentTask is { IsAssigned: false } ? new(RefusalReason.NotAssignee) : null);

    /// <summary>The reasons to refuse a release manager's act, in order: an old card, then the role.</summary>
    private Refusal? RefuseManagement(Actor actor, int seenRevision) =>
        seenRevision != Revision ? new(RefusalReason.StaleCard)
        : !actor.ManagesReleases ? new(RefusalReason.NotReleaseManager)
        : null;

    /// <summary>
    /// Its planned start is at most <paramref name="lead"/> away and its current task is still unassigned (and it is not
    /// suspended or cancelled): the people who would take it are reminded.
    /// </summary>
    public bool StartsUnassigned(DateTimeOffset now, TimeSpan lead) => WaitsUnassignedToStart(now) && PlannedStart - now <= lead;

    /// <summary>Not started yet, its current task unassigned, and neither suspended nor cancelled: a start reminder still holds.</summary>
    public bool WaitsUnassignedToStart(DateTimeOffset now) =>
        Status is not (ReleaseStatus.Suspensa or ReleaseStatus.Cancelada) && CurrentTask is { IsAssigned: false } && PlannedStart > now;

    /// <summary>Its planned end has passed and it is neither resolved nor closed, suspended or cancelled: it is overdue.</summary>
    public bool IsOverdue(DateTimeOffset now) =>
        CurrentTask is not null && PlannedEnd < now
        && Status is not (ReleaseStatus.Resolvida or ReleaseStatus.Fechada or ReleaseStatus.Suspensa or ReleaseStatus.Cancelada);

    /// <summary>Why the actor may not execute the current task now; null when they may.</summary>
    public Refusal? WhyNotExecutableBy(Actor actor) => Refuse(actor, null, Act.Execute);

    /// <summary>
    /// Why a view of the current task's execution (the closing area, the link card) opened from a card that showed
    /// <paramref name="seenRevision"/> is not for the actor; null when it is. An old card is no reason when the actor may
    /// execute now (the view shows the release as it is), but it is the first reason when they may not.
    /// </summary>
    public Refusal? WhyNotViewableBy(Actor actor, int? seenRevision) => Refuse(actor, seenRevision, Act.View);

    private Refusal? RefuseExecution(Actor actor, int seenRevision) => Refuse(actor, seenRevision, Act.Execute);

    private enum Act { Claim, Execute, View, Decide }

    /// <summary>
    /// The one place that orders the reasons to refuse a claim or an execution, in the order a person can act on them:
    /// the card is out of date (here is the current one); you are not in the group; someone else holds the task;
    /// confirm the assignment first. A claim by the person who already holds the task is no refusal but information,
    /// whatever card it came from: it is the same click again.
    /// </summary>
    private Refusal? Refuse(Actor actor, int? seenRevision, Act act)
    {
        var task = CurrentTask;
        var member = task is not null && actor.IsMemberOf(task.CandidateGroupId);
        if (act == Act.Claim && task is not null && task.IsAssignedTo(actor) && member) return new(RefusalReason.AlreadyYours, actor.Name);
        var stale = seenRevision is { } seen && seen != Revision;
        if (stale && act != Act.View) return new(RefusalReason.StaleCard);
        Refusal? now =
            Status == ReleaseStatus.Suspensa ? new(RefusalReason.Suspended)
            : Status == ReleaseStatus.Cancelada ? new(RefusalReason.Cancelled)
            : task is null ? new(RefusalReason.NoOpenTask)
            : !member ? new(RefusalReason.NotCandidate)
            : task.IsAssigned && !task.IsAssignedTo(actor) ? new(RefusalReason.AssignedToOther, task.AssigneeName)
            : act is Act.Execute or Act.View && !task.IsAssigned ? new(RefusalReason.NotAssignee)
            : null;
        return now is not null && stale ? new(RefusalReason.StaleCard) : now;
    }

    private ReleaseTask NewTask(FlowStep step, DateTimeOffset now) => new(step.Key, step.CandidateGroupId ?? ExecutorGroupId, now);

    private ChangeStamp Stamp(Actor actor, DateTimeOffset now, ReleaseTask task) => new(Revision + 1, now, actor.AadObjectId, actor.Name, task.StepKey);

    /// <summary>The one path of every change: the revision it produced, its log entry and its event.</summary>
    private void Record(ReleaseEvent change)
    {
        Revision = change.Stamp.Revision;
        log.Add(ExecutionLogEntry.Of(change));
        events.Add(change);
    }
}
