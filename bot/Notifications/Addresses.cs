namespace ReleaseBot.Notifications;

public enum ConversationKind
{
    Personal,
    GroupChat,
    Channel,
}

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

/// <summary>A person the bot has met: their Teams user id (MRI, "29:…") is what card refresh lists.</summary>
public sealed class KnownUser
{
    public required string AadObjectId { get; set; }
    public required string TeamsUserId { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A channel that asked to be told about releases, with its filters.</summary>
public sealed class ChannelSubscription
{
    public int Id { get; set; }
    public required string Target { get; set; }
    public int? ExecutorGroupId { get; set; }
    public string? ReleaseType { get; set; }
    public NotificationEvent Events { get; set; }
    /// <summary>The language of whoever subscribed: the channel's posts are written in it.</summary>
    public required string Language { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A person who asked for a personal message when a task waits for one of their groups ("notify me").</summary>
public sealed class PersonalOptIn
{
    public required string AadObjectId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The thread of a release in a channel: its root card, edited to the latest state, and the replies under it.</summary>
public sealed class ReleaseThread
{
    public int Id { get; set; }
    public required string Target { get; set; }
    public int ReleaseId { get; set; }
    public required string ThreadConversationId { get; set; }
    public required string RootActivityId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An activity already handled: Teams may deliver the same one again.</summary>
public sealed class ProcessedActivity
{
    public required string ActivityId { get; set; }
    /// <summary>When it was handled, in UTC (a type every database engine compares).</summary>
    public DateTime At { get; set; }
}

public static class NotificationTarget
{
    public static string Channel(string teamsChannelId) => "channel:" + teamsChannelId;
    public static string User(string aadObjectId) => "user:" + aadObjectId;
    public static string Chat(string conversationId) => "chat:" + conversationId;

    public static bool IsChannel(string target) => target.StartsWith("channel:", StringComparison.Ordinal);
    public static bool IsUser(string target) => target.StartsWith("user:", StringComparison.Ordinal);
    public static string Id(string target) => target[(target.IndexOf(':') + 1)..];
}
