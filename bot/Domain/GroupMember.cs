namespace ReleaseBot.Domain;

/// <summary>A person of an <see cref="ExecutorGroup"/>, by the Entra (AAD) object id Teams gives.</summary>
public sealed class GroupMember
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public required string AadObjectId { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
}
