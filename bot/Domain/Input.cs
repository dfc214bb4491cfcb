using System.Net.Mail;
using System.Text.RegularExpressions;

namespace ReleaseBot.Domain;

/// <summary>The checks every entered field shares, wherever it is entered (the API, a card, the desk file).</summary>
public static partial class Input
{
    /// <summary>The trimmed text, or null with the problem: missing (when required), too long, or with control characters.</summary>
    public static string? Text(string? value, int max, bool required, out InputProblem? problem)
    {
        problem = null;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) problem = InputProblem.Required;
            return null;
        }
        if (text.Length > max || text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            problem = InputProblem.TooLong;
            return null;
        }
        return text;
    }

    public static bool IsEmail(string text) => text.Length <= 254 && MailAddress.TryCreate(text, out var address) && address.Address == text && !text.Contains(' ');

    /// <summary>An Entra object id: a GUID, or the longer hexadecimal ids of test tenants and the Agents Playground.</summary>
    public static bool IsEntraObjectId(string text) => EntraObjectId().IsMatch(text);

    [GeneratedRegex("^[0-9A-Fa-f]+(-[0-9A-Fa-f]+){4}$", RegexOptions.CultureInvariant)]
    private static partial Regex EntraObjectId();
}
