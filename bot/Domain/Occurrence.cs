namespace ReleaseBot.Domain;

/// <summary>What an entry of the execution log records.</summary>
public enum Occurrence
{
    TaskClaimed,
    ExecutionSaved,
    FlowAdvanced,
    ItemLinked,
    ItemUnlinked,
    Registered,
    NoteAdded,
    Suspended,
    Resumed,
    Cancelled,
    Reopened,
    HandedOver,
    GivenBack,
    Approved,
    Rejected,
}
