namespace ReleaseBot.Notifications;

/// <summary>Where a notification goes, as text: "channel:…", "user:&lt;aad id&gt;", "chat:…" or "webhook:&lt;id&gt;".</summary>
public static class NotificationTarget
{
    public static string Channel(string teamsChannelId) => "channel:" + teamsChannelId;
    public static string User(string aadObjectId) => "user:" + aadObjectId;
    public static string Chat(string conversationId) => "chat:" + conversationId;
    public static string Webhook(long id) => "webhook:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsChannel(string target) => target.StartsWith("channel:", StringComparison.Ordinal);
    public static bool IsUser(string target) => target.StartsWith("user:", StringComparison.Ordinal);
    public static bool IsWebhook(string target) => target.StartsWith("webhook:", StringComparison.Ordinal);
    public static string Id(string target) => target[(target.IndexOf(':') + 1)..];
}
