namespace ReleaseBot.Domain.Events;

/// <summary>
/// A member of an approval step's group approved (<paramref name="Approved"/>) or rejected it, with an optional comment;
/// the flow then moves on as from a resolved or a not resolved task (a <see cref="FlowAdvanced"/> follows).
/// </summary>
public sealed record ApprovalDecided(ChangeStamp Stamp, bool Approved, string? Comment) : ReleaseEvent(Stamp);
