using System.Text.RegularExpressions;
using ReleaseBot.Domain;

namespace ReleaseBot.Features;

/// <summary>A typed command, in English or Portuguese, with its argument (search text or release key).</summary>
public sealed partial record Command(CommandKind Kind, string Argument)
{
    /// <summary>The words of each command in both languages; the help card and the app manifest list the first of each language.</summary>
    public static readonly IReadOnlyList<(CommandKind Kind, string English, string Portuguese)> Words =
    [
        (CommandKind.Find, "find", "buscar"),
        (CommandKind.Mine, "mine", "minhas"),
        (CommandKind.Open, "open", "abrir"),
        (CommandKind.Log, "log", "registro"),
        (CommandKind.Flow, "flow", "fluxo"),
        (CommandKind.Subscribe, "subscribe", "assinar"),
        (CommandKind.Unsubscribe, "unsubscribe", "cancelar assinatura"),
        (CommandKind.Subscriptions, "subscriptions", "assinaturas"),
        (CommandKind.NotifyMe, "notify me", "notifique-me"),
        (CommandKind.Register, "new release", "nova liberação"),
        (CommandKind.Help, "help", "ajuda"),
    ];

    public static Command Parse(string? text)
    {
        var trimmed = Spaces().Replace(text ?? "", " ").Trim();
        if (trimmed.Length == 0) return new(CommandKind.Help, "");
        var lower = trimmed.ToLowerInvariant();
        foreach (var (kind, english, portuguese) in Words)
            foreach (var phrase in new[] { english, portuguese })
                if (lower == phrase || lower.StartsWith(phrase + " ", StringComparison.Ordinal))
                    return new(kind, trimmed[phrase.Length..].Trim());
        var space = trimmed.IndexOf(' ');
        var word = (space < 0 ? trimmed : trimmed[..space]).ToLowerInvariant();
        if (word is "?" or "hi" or "hello" or "oi" or "olá" or "ola") return new(CommandKind.Help, "");
        if (ReleaseKey.TryParse(trimmed, out var key)) return new(CommandKind.Open, key);
        return new(CommandKind.Unknown, trimmed);
    }

    public static string WordFor(CommandKind kind, string language) =>
        Words.Single(w => w.Kind == kind) is var (_, en, pt) && language == Language.PortugueseBrazil ? pt : en;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
