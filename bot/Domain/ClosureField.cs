namespace ReleaseBot.Domain;

/// <summary>The fields of the closing area ("Fechamento").</summary>
public enum ClosureField
{
    Situation,
    SolutionCategory,
    ExecutionInformation,
    ReleaseDate,
}
