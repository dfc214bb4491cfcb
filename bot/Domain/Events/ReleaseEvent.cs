namespace ReleaseBot.Domain.Events;

/// <summary>
/// Something that happened to a release. The release raises one with every change it accepts; the log entry
/// of the change is written from it, and whoever listens (notifications, later webhooks) reads it before the
/// change is saved, in the same transaction.
/// </summary>
public abstract record ReleaseEvent(ChangeStamp Stamp);

/// <summary>Who changed the release, when, on which task, and the revision the change produced.</summary>
public sealed record ChangeStamp(int Revision, DateTimeOffset At, string ActorAadId, string ActorName, string StepKey);
