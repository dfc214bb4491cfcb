namespace ReleaseBot.Domain.Events;

/// <summary>The closing area ("Fechamento") of the current task was saved.</summary>
public sealed record ExecutionSaved(ChangeStamp Stamp, ExecutionSituation Situation, int? SolutionCategoryId, string? ExecutionInformation)
    : ReleaseEvent(Stamp);
