namespace ReleaseBot.Domain;

public enum RefusalReason
{
    ReleaseNotFound,
    NoOpenTask,
    NotCandidate,
    AssignedToOther,
    AlreadyYours,
    NotAssignee,
    StaleCard,
    InvalidClosure,
    ItemNotFound,
    AlreadyLinked,
    LinkNotFound,
    InvalidRole,
    InvalidNote,
}
