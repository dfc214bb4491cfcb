namespace ReleaseBot.Domain;

/// <summary>What is wrong with a field of the closing area.</summary>
public enum FormProblem
{
    Required,
    TooLong,
    NotInList,
    InvalidDate,
    NotAllowedHere,
    CannotAdvanceInExecution,
}
