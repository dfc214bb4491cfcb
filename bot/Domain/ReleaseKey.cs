using System.Text.RegularExpressions;

namespace ReleaseBot.Domain;

/// <summary>The key people use for a release: REL- and a number.</summary>
public static partial class ReleaseKey
{
    public const string Prefix = "REL-";

    /// <summary>Accepts REL-1001, rel-1001 or rel 1001; gives the canonical REL-1001.</summary>
    public static bool TryParse(string? text, out string key)
    {
        var match = Pattern().Match(text?.Trim() ?? "");
        key = match.Success ? Prefix + match.Groups[1].Value : "";
        return match.Success;
    }

    [GeneratedRegex(@"^rel[- ]?(\d{1,9})$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
