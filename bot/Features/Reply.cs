using ReleaseBot.Cards;

namespace ReleaseBot.Features;

/// <summary>What a use case answers: a card, or a line of text.</summary>
public sealed record Reply(Card? Card, string? Text)
{
    public static Reply WithCard(Card card) => new(card, null);
    public static Reply WithText(string text) => new(null, text);
}
