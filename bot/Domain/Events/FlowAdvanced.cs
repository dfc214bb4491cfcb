namespace ReleaseBot.Domain.Events;

/// <summary>
/// The task of <see cref="ChangeStamp.StepKey"/> finished with <paramref name="Outcome"/> and the flow moved to
/// <paramref name="ToStepKey"/> (none: the flow ended), whose task waits for <paramref name="NextCandidateGroupId"/>.
/// <paramref name="ReleaseResolved"/>: this advance made the release resolved.
/// </summary>
public sealed record FlowAdvanced(ChangeStamp Stamp, ExecutionSituation Outcome, string? ToStepKey, int? NextCandidateGroupId, bool ReleaseResolved)
    : ReleaseEvent(Stamp)
{
    /// <summary>The task was not resolved, and the flow sent the release back.</summary>
    public bool SentBack => Outcome == ExecutionSituation.NaoResolvida;
}
