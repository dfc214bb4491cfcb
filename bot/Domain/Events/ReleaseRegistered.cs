namespace ReleaseBot.Domain.Events;

/// <summary>The release was registered and its flow started; <see cref="ChangeStamp.ActorName"/> names who registered it.</summary>
public sealed record ReleaseRegistered(ChangeStamp Stamp) : ReleaseEvent(Stamp);
