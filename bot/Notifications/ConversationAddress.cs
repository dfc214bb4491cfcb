namespace ReleaseBot.Notifications;

/// <summary>
/// Where the bot can write without being spoken to: stored from every activity it receives, removed
/// when it is uninstalled. <see cref="Target"/> is a Teams channel ("channel:19:…") or a person's
/// personal chat ("user:&lt;aad id&gt;"); group chats are kept as "chat:&lt;conversation id&gt;".
/// </summary>
public sealed class ConversationAddress
{
    public required string Target { get; set; }
    public ConversationKind Kind { get; set; }
    public required string ConversationId { get; set; }
    public required string ServiceUrl { get; set; }
    public string? TenantId { get; set; }
    public required string BotId { get; set; }
    public string? BotName { get; set; }
    /// <summary>The language the last person who spoke there used (en or pt-BR).</summary>
    public required string Language { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
