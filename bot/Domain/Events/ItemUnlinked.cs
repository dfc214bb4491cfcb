namespace ReleaseBot.Domain.Events;

/// <summary>A linked item was removed from the release; <paramref name="Subject"/> names it.</summary>
public sealed record ItemUnlinked(ChangeStamp Stamp, LinkKind Kind, string Subject) : ReleaseEvent(Stamp);
