namespace ReleaseBot.Domain.Events;

/// <summary>The current task was assigned to the actor ("Capturar tarefa").</summary>
public sealed record TaskClaimed(ChangeStamp Stamp) : ReleaseEvent(Stamp);
