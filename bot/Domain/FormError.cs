namespace ReleaseBot.Domain;

/// <summary>One problem of one field of the closing area.</summary>
public sealed record FormError(ClosureField Field, FormProblem Problem);
