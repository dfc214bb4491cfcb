namespace ReleaseBot.Notifications;

/// <summary>A person who asked for a personal message when a task waits for one of their groups ("notify me").</summary>
public sealed class PersonalOptIn
{
    public required string AadObjectId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
