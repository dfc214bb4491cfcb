namespace ReleaseBot.Persistence;

/// <summary>The release a person last saw in a conversation, so that "log" or "flow" there need no number.</summary>
public sealed class ReleaseInHandRecord
{
    public const int MaxIdLength = 500;

    public required string ConversationId { get; set; }
    public required string UserId { get; set; }
    public required string ReleaseKey { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
