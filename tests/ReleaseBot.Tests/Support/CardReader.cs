using Newtonsoft.Json.Linq;

namespace ReleaseBot.Tests.Support;

/// <summary>Reads an Adaptive Card as a person would: its text, its inputs' choices and its buttons.</summary>
public static class CardReader
{
    public static IEnumerable<JObject> Actions(JToken card) =>
        card.SelectTokens("$..[?(@.type == 'Action.Execute')]").OfType<JObject>();

    public static JObject Action(JToken card, string verb) =>
        Actions(card).FirstOrDefault(a => (string?)a["verb"] == verb)
        ?? throw new Xunit.Sdk.XunitException($"No '{verb}' button on the card. Buttons: {string.Join(", ", Actions(card).Select(a => a["verb"]))}\n{card}");

    public static IEnumerable<JObject> ActionsWithVerb(JToken card, string verb) => Actions(card).Where(a => (string?)a["verb"] == verb);

    public static bool HasAction(JToken card, string verb) => Actions(card).Any(a => (string?)a["verb"] == verb);

    public static JObject ActionData(JToken card, string verb) => (JObject)Action(card, verb)["data"]!;

    public static int Revision(JToken card, string verb) => (int)ActionData(card, verb)["revision"]!;

    /// <summary>All the text a person reads on the card: text blocks, fact titles and values, button titles.</summary>
    public static string Text(JToken card) => string.Join("\n", card.SelectTokens("$..text").Concat(card.SelectTokens("$..title")).Concat(card.SelectTokens("$..value"))
        .Where(t => t.Type == JTokenType.String).Select(t => (string)t!));

    public static IReadOnlyList<(string Title, string Value)> Choices(JToken card, string inputId) =>
        card.SelectTokens($"$..[?(@.id == '{inputId}')].choices[*]").Select(c => ((string)c["title"]!, (string)c["value"]!)).ToList();

    public static string? InputValue(JToken card, string inputId) =>
        (string?)card.SelectToken($"$..[?(@.id == '{inputId}')].value");
}
