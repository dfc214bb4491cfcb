namespace ReleaseBot.Domain.Events;

/// <summary>A release manager suspended the release ("Suspensa"): its task waits until it is resumed.</summary>
public sealed record ReleaseSuspended(ChangeStamp Stamp, string Reason) : ReleaseEvent(Stamp);
