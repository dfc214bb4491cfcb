namespace ReleaseBot.Persistence;

/// <summary>One item of the bot's state (a conversation's or a person's) as JSON, with the ETag of its last write.</summary>
public sealed class BotStateRecord
{
    public const int MaxKeyLength = 500;

    public required string Key { get; set; }
    public required string Document { get; set; }
    public required string ETag { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
