using System.Collections.Concurrent;
using System.Text.Json;

namespace ReleaseBot.Cards;

/// <summary>
/// The Adaptive Card templates of cards/, parsed once and bound to typed card data on demand. A notice (what just
/// happened, or why nothing did) is the same banner on every card: it is bound from cards/notice.json and put on
/// top of the card's body here, not repeated in each template.
/// </summary>
public class CardLibrary(string folder)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string NoticeTemplate = "notice";

    private readonly ConcurrentDictionary<string, CardTemplate> templates = new();

    public static CardLibrary FromAppFolder() => new(Path.Combine(AppContext.BaseDirectory, "cards"));

    /// <summary>The template's file as it is.</summary>
    public string TemplateJson(string name) => File.ReadAllText(Path.Combine(folder, name + ".json"));

    private CardTemplate Template(string name) => templates.GetOrAdd(name, n => CardTemplate.Parse(TemplateJson(n)));

    /// <summary>The card data (a record) as the templates read it.</summary>
    public static string DataJson(object data) => JsonSerializer.Serialize(data, data.GetType(), CardJson.DataOptions);

    /// <summary>
    /// Binds a template to card data (a record), with the notice on top when there is one; <paramref name="more"/>
    /// writes further properties of the card.
    /// </summary>
    public virtual Card Bind(string name, object data, Notice? notice = null, Action<Utf8JsonWriter>? more = null)
    {
        using var bound = JsonSerializer.SerializeToDocument(data, data.GetType(), CardJson.DataOptions);
        using var noticeData = notice is null ? null : JsonSerializer.SerializeToDocument(notice.ToData(), CardJson.DataOptions);
        var binding = new Binding(Template(name), bound.RootElement, noticeData is null ? null : [(Template(NoticeTemplate), noticeData.RootElement)], more);
        return new Card(CardJson.Write(binding, static (writer, b) => b.Template.Write(writer, b.Data, b.Prelude, b.More)));
    }

    private readonly record struct Binding(CardTemplate Template, JsonElement Data,
        IReadOnlyList<(CardTemplate, JsonElement)>? Prelude, Action<Utf8JsonWriter>? More);
}
