namespace ReleaseBot.Domain;

/// <summary>What is wrong with a field of what someone entered: a registration, a catalog item, a group member.</summary>
public enum InputProblem
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
