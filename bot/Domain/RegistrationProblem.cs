namespace ReleaseBot.Domain;

/// <summary>What is wrong with a field of a registration.</summary>
public enum RegistrationProblem
{
    Required,
    TooLong,
    NotInList,
    OutOfRange,
    NeedsOffset,
    EndNotAfterStart,
    NeedsIdentity,
    InvalidIdentity,
}
