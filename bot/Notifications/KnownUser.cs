namespace ReleaseBot.Notifications;

/// <summary>A person the bot has met: their Teams user id (MRI, "29:…") is what card refresh lists.</summary>
public sealed class KnownUser
{
    public required string AadObjectId { get; set; }
    public required string TeamsUserId { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
