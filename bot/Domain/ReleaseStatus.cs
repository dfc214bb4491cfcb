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
