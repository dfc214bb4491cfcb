namespace ReleaseBot.Domain;

/// <summary>One problem of one field of a registration.</summary>
public sealed record RegistrationError(RegistrationField Field, InputProblem Problem);
