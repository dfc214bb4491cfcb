using Newtonsoft.Json.Linq;

namespace ReleaseBot.Cards;

/// <summary>An Adaptive Card bound to its data: the JSON that Teams takes.</summary>
public sealed record Card(string Json)
{
    /// <summary>The card as an attachment's or invoke response's content: the Bot Framework's serializer writes it as it is.</summary>
    public JRaw Content => new(Json);

    public override string ToString() => Json;
}
