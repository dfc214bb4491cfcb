namespace ReleaseBot.Domain;

/// <summary>A member of an executor group as someone enters it (the API, the desk file).</summary>
public sealed record MemberEntry(string? AadObjectId, string? Name, string? Email)
{
    public const int MaxName = 200;

    /// <summary>Problems named by the member's position, e.g. "members[2].aadObjectId".</summary>
    public IEnumerable<FieldError> Validate(string prefix)
    {
        if (string.IsNullOrWhiteSpace(AadObjectId)) yield return new($"{prefix}.aadObjectId", InputProblem.Required);
        else if (!Input.IsEntraObjectId(AadObjectId.Trim())) yield return new($"{prefix}.aadObjectId", InputProblem.InvalidIdentity);
        Input.Text(Name, MaxName, required: true, out var problem);
        if (problem is { } p) yield return new($"{prefix}.name", p);
        if (!string.IsNullOrWhiteSpace(Email) && !Input.IsEmail(Email.Trim())) yield return new($"{prefix}.email", InputProblem.InvalidIdentity);
    }

    public GroupMember ToMember() => new() { AadObjectId = AadObjectId!.Trim().ToLowerInvariant(), Name = Name!.Trim(), Email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim() };
}
