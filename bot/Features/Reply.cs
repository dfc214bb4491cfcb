using Newtonsoft.Json.Linq;

namespace ReleaseBot.Features;

/// <summary>What a use case answers: a card, or a line of text.</summary>
public sealed record Reply(JObject? Card, string? Text)
{
    public static Reply WithCard(JObject card) => new(card, null);
    public static Reply WithText(string text) => new(null, text);
}
