namespace ReleaseBot.Domain;

/// <summary>A group whose members may claim and execute the tasks that wait for it.</summary>
public sealed class ExecutorGroup
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public List<GroupMember> Members { get; set; } = [];
    /// <summary>Its members are release managers: they register, suspend, resume, cancel, reopen and reassign.</summary>
    public bool ManagesReleases { get; set; }
}
