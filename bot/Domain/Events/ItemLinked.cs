namespace ReleaseBot.Domain.Events;

/// <summary>A catalog item (or a person with their role) was linked to the release; <paramref name="Subject"/> names it.</summary>
public sealed record ItemLinked(ChangeStamp Stamp, LinkKind Kind, string Subject) : ReleaseEvent(Stamp);
