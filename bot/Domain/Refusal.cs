namespace ReleaseBot.Domain;

/// <summary>Why the domain refused a request. Nothing changed when a refusal is returned.</summary>
public sealed record Refusal(RefusalReason Reason, string? Who = null, IReadOnlyList<FormError>? Errors = null)
{
    public static Refusal Invalid(IReadOnlyList<FormError> errors) => new(RefusalReason.InvalidClosure, Errors: errors);
}
