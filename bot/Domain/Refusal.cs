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
}

/// <summary>Why the domain refused a request. Nothing changed when a refusal is returned.</summary>
public sealed record Refusal(RefusalReason Reason, string? Who = null, IReadOnlyList<FormError>? Errors = null)
{
    public static Refusal Invalid(IReadOnlyList<FormError> errors) => new(RefusalReason.InvalidClosure, Errors: errors);
}
