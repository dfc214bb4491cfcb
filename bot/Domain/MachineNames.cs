namespace ReleaseBot.Domain;

/// <summary>How machines (the API, webhooks) name statuses and outcomes: English camelCase codes that never change with the language.</summary>
public static class MachineNames
{
    public static string Of(ReleaseStatus status) => status switch
    {
        ReleaseStatus.Registrada => "registered",
        ReleaseStatus.Aprovada => "approved",
        ReleaseStatus.EmExecucao => "inExecution",
        ReleaseStatus.Executada => "executed",
        ReleaseStatus.Resolvida => "resolved",
        ReleaseStatus.NaoResolvida => "notResolved",
        ReleaseStatus.Suspensa => "suspended",
        ReleaseStatus.Cancelada => "cancelled",
        _ => "closed",
    };

    public static string Of(ExecutionSituation situation) => situation switch
    {
        ExecutionSituation.EmExecucao => "inExecution",
        ExecutionSituation.Resolvida => "resolved",
        _ => "notResolved",
    };

    public static string Of(Occurrence occurrence) => char.ToLowerInvariant(occurrence.ToString()[0]) + occurrence.ToString()[1..];
}
