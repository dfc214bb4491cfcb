namespace ReleaseBot.Domain;

/// <summary>What the executor declares in the closing area ("Fechamento").</summary>
public enum ExecutionSituation
{
    EmExecucao,
    Resolvida,
    NaoResolvida,
}
