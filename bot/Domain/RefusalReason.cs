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
    /// <summary>Only release managers may suspend, resume, reopen or reassign (and cancel, but for the requester's case).</summary>
    NotReleaseManager,
    /// <summary>The release is suspended: nothing moves until a release manager resumes it.</summary>
    Suspended,
    NotSuspended,
    /// <summary>The release is cancelled: only reopening brings it back.</summary>
    Cancelled,
    /// <summary>The requester may cancel only until execution started.</summary>
    ExecutionStarted,
    /// <summary>Reopening is for a release whose flow ended or that was cancelled.</summary>
    StillOpen,
    UnknownStep,
    /// <summary>A suspension, cancellation or reopening says why, in at most <see cref="ReleaseRequest.MaxReasonLength"/> characters.</summary>
    InvalidReason,
    /// <summary>A task is handed over only to another member of the group it waits for.</summary>
    NotInTaskGroup,
    /// <summary>Approve and reject are for the tasks of approval steps.</summary>
    NotAnApproval,
}
