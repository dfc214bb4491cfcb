namespace ReleaseBot.Teams;

/// <summary>
/// How <c>POST /api/messages</c> guards itself (configuration section <c>Bot</c>): the largest activity it reads, how long a
/// call to a Bot Connector may take, and, with authentication off, which hosts it may call back.
/// </summary>
public sealed class BotEndpointSettings
{
    public const string Section = "Bot";

    /// <summary>The largest request body accepted, in bytes (Teams sends activities of a few KB; its messages are at most ~28 KB).</summary>
    public long MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>How long one call to a Bot Connector (a reply, an update, a notification) may take before it fails.</summary>
    public TimeSpan ConnectorTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The hosts (or URL prefixes, e.g. <c>https://smba.trafficmanager.net/</c>) the bot calls when no token vouches for a
    /// serviceUrl, i.e. with authentication off; loopback only when not configured.
    /// </summary>
    public string[]? TrustedServiceUrls { get; set; }
}
