namespace ReleaseBot.Domain;

/// <summary>One passage of a release through a flow step: created, claimed by an assignee, finished.</summary>
public sealed class ReleaseTask
{
    public int Id { get; set; }
    public int ReleaseId { get; set; }
    public required string StepKey { get; set; }
    public int CandidateGroupId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? AssigneeAadId { get; set; }
    public string? AssigneeName { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public string? FinishedByAadId { get; set; }
    public string? FinishedByName { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public ExecutionSituation? Outcome { get; set; }

    // The closing area ("Fechamento") of this task, as last saved.
    public ExecutionSituation? Situation { get; set; }
    public int? SolutionCategoryId { get; set; }
    public SolutionCategory? SolutionCategory { get; set; }
    public string? ExecutionInformation { get; set; }
    public DateOnly? ReleaseDate { get; set; }

    public bool HasClosure => Situation is not null;

    public bool IsOpen => FinishedAt is null;
    public bool IsAssigned => AssigneeAadId is not null;
    public bool IsAssignedTo(Actor actor) => AssigneeAadId == actor.AadObjectId;
}
