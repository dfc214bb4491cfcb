namespace ReleaseBot.Domain.Events;

/// <summary>A free occurrence was added to the execution log (a pipeline's "deployment started", a person's remark).</summary>
public sealed record NoteAdded(ChangeStamp Stamp, string Text, string? Url) : ReleaseEvent(Stamp);
