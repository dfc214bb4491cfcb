using System.Collections.Concurrent;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace ReleaseBot.Cards;

/// <summary>
/// The Adaptive Card templates of cards/, loaded once and bound to typed card data on demand. A notice (what just
/// happened, or why nothing did) is the same banner on every card: it is bound from cards/notice.json and put on
/// top of the card's body here, not repeated in each template.
/// </summary>
public class CardLibrary(string folder)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string NoticeTemplate = "notice";

    /// <summary>Card data as the templates read it: camelCase names. Built once; its contracts are cached for the process.</summary>
    private static readonly JsonSerializer DataSerializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
    });

    private readonly ConcurrentDictionary<string, JObject> templates = new();

    public static CardLibrary FromAppFolder() => new(Path.Combine(AppContext.BaseDirectory, "cards"));

    public JObject Template(string name) =>
        templates.GetOrAdd(name, n => JObject.Parse(File.ReadAllText(Path.Combine(folder, n + ".json"))));

    /// <summary>Binds a template to card data (a record), with the notice on top when there is one.</summary>
    public JObject Bind(string name, object data, Notice? notice = null)
    {
        var card = Bind(name, JObject.FromObject(data, DataSerializer));
        if (notice is not null && card["body"] is JArray body)
            body.Insert(0, Bind(NoticeTemplate, JObject.FromObject(notice.ToData(), DataSerializer))["body"]![0]!);
        return card;
    }

    public virtual JObject Bind(string name, JToken data) => CardTemplate.Bind(Template(name), data);
}
