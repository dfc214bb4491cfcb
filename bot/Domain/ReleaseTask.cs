namespace ReleaseBot.Domain;

/// <summary>
/// One passage of a release through a flow step: created, claimed by an assignee, finished. Part of its
/// <see cref="ReleaseRequest"/>, which alone changes it.
/// </summary>
public sealed class ReleaseTask
{
    private ReleaseTask()
    {
    }

    internal ReleaseTask(string stepKey, int candidateGroupId, DateTimeOffset createdAt)
    {
        StepKey = stepKey;
        CandidateGroupId = candidateGroupId;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public int ReleaseId { get; private set; }
    public string StepKey { get; private set; } = "";
    public int CandidateGroupId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string? AssigneeAadId { get; private set; }
    public string? AssigneeName { get; private set; }
    public DateTimeOffset? ClaimedAt { get; private set; }
    public string? FinishedByAadId { get; private set; }
    public string? FinishedByName { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public ExecutionSituation? Outcome { get; private set; }

    // The closing area ("Fechamento") of this task, as last saved.
    public ExecutionSituation? Situation { get; private set; }
    public int? SolutionCategoryId { get; private set; }
    public string? ExecutionInformation { get; private set; }
    public DateOnly? ReleaseDate { get; private set; }

    public bool HasClosure => Situation is not null;

    public bool IsOpen => FinishedAt is null;
    public bool IsAssigned => AssigneeAadId is not null;
    public bool IsAssignedTo(Actor actor) => AssigneeAadId == actor.AadObjectId;

    internal void AssignTo(Actor actor, DateTimeOffset now)
    {
        AssigneeAadId = actor.AadObjectId;
        AssigneeName = actor.Name;
        ClaimedAt = now;
    }

    internal void Unassign()
    {
        AssigneeAadId = null;
        AssigneeName = null;
        ClaimedAt = null;
    }

    /// <summary>Ends the task with no outcome: the release was cancelled.</summary>
    internal void Withdraw(Actor actor, DateTimeOffset now)
    {
        FinishedAt = now;
        FinishedByAadId = actor.AadObjectId;
        FinishedByName = actor.Name;
    }

    internal void Close(ClosureForm.Valid closure)
    {
        Situation = closure.Situation;
        SolutionCategoryId = closure.Category?.Id;
        ExecutionInformation = closure.ExecutionInformation;
        ReleaseDate = closure.ReleaseDate;
    }

    internal void Finish(Actor actor, ExecutionSituation outcome, DateTimeOffset now)
    {
        FinishedAt = now;
        FinishedByAadId = actor.AadObjectId;
        FinishedByName = actor.Name;
        Outcome = outcome;
    }
}
