namespace ReleaseBot.Domain.Events;

/// <summary>A release manager resumed a suspended release: it is back where it was.</summary>
public sealed record ReleaseResumed(ChangeStamp Stamp) : ReleaseEvent(Stamp);
