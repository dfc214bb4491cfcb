using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;

namespace ReleaseBot.Cards;

/// <summary>The Adaptive Card templates of cards/, loaded once and bound to data on demand.</summary>
public class CardLibrary(string folder)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    private readonly ConcurrentDictionary<string, JObject> templates = new();

    public static CardLibrary FromAppFolder() => new(Path.Combine(AppContext.BaseDirectory, "cards"));

    public JObject Template(string name) =>
        templates.GetOrAdd(name, n => JObject.Parse(File.ReadAllText(Path.Combine(folder, n + ".json"))));

    public virtual JObject Bind(string name, JToken data) => CardTemplate.Bind(Template(name), data);
}
