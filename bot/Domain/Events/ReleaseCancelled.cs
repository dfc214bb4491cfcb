namespace ReleaseBot.Domain.Events;

/// <summary>The release was cancelled ("Cancelada"): its open task ended, and only a reopening brings it back.</summary>
public sealed record ReleaseCancelled(ChangeStamp Stamp, string Reason) : ReleaseEvent(Stamp);
