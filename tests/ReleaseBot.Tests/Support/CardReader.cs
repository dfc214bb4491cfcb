using Newtonsoft.Json.Linq;

namespace ReleaseBot.Tests.Support;

/// <summary>Reads an Adaptive Card as a person would: its text, its inputs' choices and its buttons.</summary>
public static class CardReader
{
    /// <summary>A bound card as JSON to read; strings that look like dates stay strings.</summary>
    public static JObject Parse(string json)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JObject.Load(reader);
    }

    public static JObject Parse(ReleaseBot.Cards.Card card) => Parse(card.Json);

    /// <summary>An attachment's or invoke response's card content: the bot hands the SDK the card's JSON as it is.</summary>
    public static JObject ParseContent(object? content) =>
        Parse(Assert.IsType<JRaw>(content).ToString(Newtonsoft.Json.Formatting.None));

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

    /// <summary>The input named <paramref name="name"/> (its id is the name, or the name and the card's instance: "itemId-1c9f04a2"); null when the card has none.</summary>
    public static JObject? Input(JToken card, string name) =>
        card.SelectTokens("$..[?(@.id)]").OfType<JObject>().Where(e => ((string?)e["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true)
            .SingleOrDefault(e => (string)e["id"]! == name || ((string)e["id"]!).StartsWith(name + "-", StringComparison.Ordinal));

    /// <summary>The id the card gives the input named <paramref name="name"/>.</summary>
    public static string InputId(JToken card, string name) =>
        (string?)Input(card, name)?["id"] ?? throw new Xunit.Sdk.XunitException($"No input '{name}' on the card.\n{card}");

    public static IReadOnlyList<(string Title, string Value)> Choices(JToken card, string name) =>
        Input(card, name)?["choices"]?.Select(c => ((string)c["title"]!, (string)c["value"]!)).ToList() ?? [];

    public static string? InputValue(JToken card, string name) => (string?)Input(card, name)?["value"];

    /// <summary>What Teams sends when a button is clicked: the button's data merged with the card's inputs, each by its id.</summary>
    public static JObject Submit(JToken card, string verb, params (string Name, string Value)[] inputs)
    {
        var data = (JObject)ActionData(card, verb).DeepClone();
        foreach (var (name, value) in inputs) data[InputId(card, name)] = value;
        return data;
    }
}
