using System.Globalization;
using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ReleaseBot.Domain;

namespace ReleaseBot.Cards;

/// <summary>
/// The URLs of a release outside the chat: its canonical page (<c>{PublicUrl}/releases/REL-1001</c>), and its flow picture,
/// whose URL carries an expiry and an HMAC-SHA256 signature so that nobody can enumerate releases through it.
/// </summary>
public sealed class ReleaseLinks
{
    public const string PicturePath = "flow.png";

    private readonly TimeProvider clock;
    private readonly TimeSpan pictureLifetime;
    private byte[]? key;

    public ReleaseLinks(IOptions<ReleaseLinkOptions> options, TimeProvider clock)
    {
        this.clock = clock;
        var settings = options.Value;
        pictureLifetime = settings.FlowPictureLifetime;
        PublicUrl = PublicUrlOf(settings.PublicUrl);
        if (!string.IsNullOrWhiteSpace(settings.LinkSigningKey)) key = Encoding.UTF8.GetBytes(settings.LinkSigningKey);
    }

    /// <summary>The configured public base URL, without a trailing slash; null when none is configured.</summary>
    public Uri? PublicUrl { get; }

    /// <summary>Whether a key is configured; otherwise the app gives it the shared one at start-up (<see cref="UseSharedKey"/>).</summary>
    public bool HasConfiguredKey => key is not null;

    public void UseSharedKey(byte[] shared) => key ??= shared;

    /// <summary>The release's canonical URL, or null without a public URL.</summary>
    public string? PageOf(string releaseKey) => PublicUrl is null ? null : $"{Base}/releases/{Uri.EscapeDataString(releaseKey)}";

    /// <summary>The signed URL of the release's flow picture in <paramref name="language"/> and the reader's <paramref name="zone"/>, or null without a public URL.</summary>
    public string? FlowPictureOf(string releaseKey, string language, string zone) => PublicUrl is null ? null : Base + SignedPicturePath(releaseKey, language, zone);

    /// <summary>The signed path and query of the flow picture, e.g. for a page of this app.</summary>
    public string SignedPicturePath(string releaseKey, string language, string zone = "UTC")
    {
        var expires = clock.GetUtcNow().Add(pictureLifetime).ToUnixTimeSeconds();
        return $"/releases/{Uri.EscapeDataString(releaseKey)}/{PicturePath}?lang={Uri.EscapeDataString(language)}&tz={Uri.EscapeDataString(zone)}"
            + $"&exp={expires.ToString(CultureInfo.InvariantCulture)}&sig={Base64Url.EncodeToString(Mac(releaseKey, language, zone, expires))}";
    }

    /// <summary>Whether the signature is this app's for that release, language, zone and expiry, and the expiry is not past.</summary>
    public bool IsValidPictureSignature(string releaseKey, string? language, string? expires, string? signature, string? zone = "UTC")
    {
        if (language is null || zone is null || signature is null || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var at)) return false;
        if (at < clock.GetUtcNow().ToUnixTimeSeconds()) return false;
        // Anything that is not the canonical encoding of 32 bytes is no signature of ours (and decoding it must not throw).
        if (signature.Length != 43) return false;
        Span<byte> given = stackalloc byte[33];
        return Base64Url.DecodeFromChars(signature, given, out _, out var written) == OperationStatus.Done && written == 32
            && Base64Url.EncodeToString(given[..32]) == signature
            && CryptographicOperations.FixedTimeEquals(given[..32], Mac(releaseKey, language, zone, at));
    }

    /// <summary>The release key of a URL that is this bot's canonical URL of a release, e.g. a link pasted in a message.</summary>
    public bool TryReadPage(string? url, out string releaseKey)
    {
        releaseKey = "";
        if (PublicUrl is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return false;
        if (!string.Equals(uri.Host, PublicUrl.Host, StringComparison.OrdinalIgnoreCase) || uri.Port != PublicUrl.Port) return false;
        var prefix = PublicUrl.AbsolutePath.TrimEnd('/') + "/releases/";
        var path = uri.AbsolutePath.TrimEnd('/');
        return path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && ReleaseKey.TryParse(Uri.UnescapeDataString(path[prefix.Length..]), out releaseKey);
    }

    private string Base => PublicUrl!.GetLeftPart(UriPartial.Path).TrimEnd('/');

    private byte[] Mac(string releaseKey, string language, string zone, long expires) =>
        HMACSHA256.HashData(key ?? throw new InvalidOperationException("The link signing key was not set at start-up."),
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{releaseKey.ToUpperInvariant()}\n{language}\n{zone}\n{expires}")));

    private static Uri? PublicUrlOf(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured)) return null;
        if (Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.Query.Length == 0 && uri.Fragment.Length == 0)
            return uri;
        throw new InvalidOperationException($"Bot:PublicUrl must be the absolute http(s) URL the bot is reached at, such as https://releasebot.example.com; it is '{configured}'.");
    }
}
