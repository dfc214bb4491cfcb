namespace ReleaseBot.Notifications;

/// <summary>Where a notification goes, as text: "channel:…", "user:&lt;aad id&gt;" or "chat:…".</summary>
public static class NotificationTarget
{
    public static string Channel(string teamsChannelId) => "channel:" + teamsChannelId;
    public static string User(string aadObjectId) => "user:" + aadObjectId;
    public static string Chat(string conversationId) => "chat:" + conversationId;

    public static bool IsChannel(string target) => target.StartsWith("channel:", StringComparison.Ordinal);
    public static bool IsUser(string target) => target.StartsWith("user:", StringComparison.Ordinal);
    public static string Id(string target) => target[(target.IndexOf(':') + 1)..];
}
