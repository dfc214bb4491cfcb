namespace ReleaseBot.Teams;

/// <summary>
/// The service URLs the bot may call without a token vouching for them (authentication off, or an Emulator token, which
/// names no serviceUrl): each entry is a host (any scheme and port) or a URL prefix (same scheme, host and port, and a path
/// below its path). Anything else could make the bot post to any address it is handed.
/// </summary>
public sealed class TrustedServiceUrls
{
    /// <summary>The default: this machine only.</summary>
    public static readonly IReadOnlyList<string> Loopback = ["localhost", "127.0.0.1", "[::1]"];

    private readonly HashSet<string> hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Uri> prefixes = [];

    public TrustedServiceUrls(IEnumerable<string>? entries)
    {
        var list = entries?.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).ToList() is { Count: > 0 } configured ? configured : [.. Loopback];
        foreach (var entry in list)
        {
            if (!entry.Contains("://", StringComparison.Ordinal)) hosts.Add(HostOf(entry));
            else if (Uri.TryCreate(entry, UriKind.Absolute, out var prefix)) prefixes.Add(prefix);
            else throw new ArgumentException($"Bot:TrustedServiceUrls: '{entry}' is neither a host nor an absolute URL.");
        }
    }

    public IReadOnlyCollection<string> Entries => [.. hosts, .. prefixes.Select(p => p.ToString())];

    public bool Allows(Uri serviceUrl) =>
        hosts.Contains(HostOf(serviceUrl.Host)) || prefixes.Any(p =>
            p.Scheme == serviceUrl.Scheme && string.Equals(HostOf(p.Host), HostOf(serviceUrl.Host), StringComparison.OrdinalIgnoreCase)
            && p.Port == serviceUrl.Port && serviceUrl.AbsolutePath.StartsWith(p.AbsolutePath, StringComparison.OrdinalIgnoreCase));

    private static string HostOf(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');
}
