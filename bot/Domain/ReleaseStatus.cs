namespace ReleaseBot.Domain;

/// <summary>The situations of a release request, as CITSmart names them.</summary>
public enum ReleaseStatus
{
    Registrada,
    Aprovada,
    EmExecucao,
    Executada,
    Resolvida,
    NaoResolvida,
    Suspensa,
    Cancelada,
    Fechada,
}

/// <summary>What the executor declares in the closing area ("Fechamento").</summary>
public enum ExecutionSituation
{
    EmExecucao,
    Resolvida,
    NaoResolvida,
}

public enum Level
{
    Low,
    Medium,
    High,
}
