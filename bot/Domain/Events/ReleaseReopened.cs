namespace ReleaseBot.Domain.Events;

/// <summary>
/// A release manager reopened a closed or cancelled release into a step of its flow, whose task waits for
/// <paramref name="CandidateGroupId"/>; the stamp names that step.
/// </summary>
public sealed record ReleaseReopened(ChangeStamp Stamp, string Reason, int CandidateGroupId) : ReleaseEvent(Stamp);
