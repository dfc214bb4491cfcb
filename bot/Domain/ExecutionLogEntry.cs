namespace ReleaseBot.Domain;

public enum Occurrence
{
    TaskClaimed,
    ExecutionSaved,
    FlowAdvanced,
    ItemLinked,
    ItemUnlinked,
}

/// <summary>
/// One occurrence of the execution log ("Registro de Execução"): who did what, when. Append-only:
/// entries are written with the change they record and never changed or removed.
/// </summary>
public sealed class ExecutionLogEntry
{
    public long Id { get; set; }
    public int ReleaseId { get; set; }
    /// <summary>The revision of the release this occurrence produced: it orders the log.</summary>
    public int Revision { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ActorAadId { get; set; }
    public required string ActorName { get; set; }
    public Occurrence Occurrence { get; set; }
    /// <summary>The flow step of the task concerned.</summary>
    public required string StepKey { get; set; }
    /// <summary>Flow advances: the step the release moved to (none when the flow ended).</summary>
    public string? ToStepKey { get; set; }
    public ExecutionSituation? Situation { get; set; }
    public int? SolutionCategoryId { get; set; }
    /// <summary>Links: the item (and role) concerned.</summary>
    public string? Subject { get; set; }
    /// <summary>Saves: the execution information written by the executor.</summary>
    public string? Text { get; set; }
}
