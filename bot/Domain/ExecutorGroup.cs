namespace ReleaseBot.Domain;

/// <summary>A group whose members may claim and execute the tasks that wait for it.</summary>
public sealed class ExecutorGroup
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public List<GroupMember> Members { get; set; } = [];
}
