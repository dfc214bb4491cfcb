namespace ReleaseBot.Cards;

/// <summary>Where the bot's pages are reached from outside and how their links are signed (configuration section <c>Bot</c>).</summary>
public sealed class ReleaseLinkOptions
{
    /// <summary>
    /// The base URL people and Teams reach the bot at, e.g. <c>https://releasebot.example.com</c>. Releases get their
    /// canonical URL under it (<c>…/releases/REL-1001</c>), which Teams unfurls; without it, no link is unfurled and the
    /// flow card shows no picture.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>The secret that signs the flow picture's URLs (from the environment); without it, one made at the first start and kept in the database.</summary>
    public string? LinkSigningKey { get; set; }

    /// <summary>How long a signed flow picture URL is good for.</summary>
    public TimeSpan FlowPictureLifetime { get; set; } = TimeSpan.FromDays(7);
}
