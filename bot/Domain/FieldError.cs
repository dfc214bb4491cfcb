namespace ReleaseBot.Domain;

/// <summary>One problem of one field, named as the API and the desk file name it (camelCase).</summary>
public sealed record FieldError(string Field, InputProblem Problem);
