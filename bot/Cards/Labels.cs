using ReleaseBot.Localization;

namespace ReleaseBot.Cards;

/// <summary>The texts of a card, by the name its template uses (<c>${t.name}</c>), in the reader's language.</summary>
public static class Labels
{
    public static IReadOnlyDictionary<string, string> Of(Texts texts, params (string Name, string Key)[] labels) =>
        labels.ToDictionary(l => l.Name, l => texts[l.Key]);
}
