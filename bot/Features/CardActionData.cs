using ReleaseBot.Cards;
using System.Globalization;
using Newtonsoft.Json.Linq;
using ReleaseBot.Domain;

namespace ReleaseBot.Features;

/// <summary>
/// The data of a clicked card action, as Teams sends it (the button's data merged with the card's inputs), read
/// once: values are plain JSON scalars, NUL characters are dropped (no one means them, and PostgreSQL refuses them),
/// and anything longer than <see cref="MaxTextLength"/> is treated as missing. Action records read from here.
/// </summary>
public sealed class CardActionData(JObject? data)
{
    /// <summary>No input of ours takes more; the domain's own limits (e.g. the execution information) are smaller.</summary>
    public const int MaxTextLength = 20_000;

    private readonly JObject data = data ?? [];

    /// <summary>
    /// The release the action is about. It travels as "release", not "key": some Teams clients drop clicks whose data has
    /// a "key". In the release list it is the input that chooses the release to open.
    /// </summary>
    public string? Release => ReleaseKey.TryParse(Input(InputIds.Release), out var key) ? key : null;

    /// <summary>The revision of the release that the card showed.</summary>
    public int? Revision => Number("revision");

    public int Page => Number("page") is { } page and > 0 ? page : 1;

    public string? Text(string name) =>
        data[name] is JValue { Type: not JTokenType.Null } value && value.ToString(CultureInfo.InvariantCulture) is { Length: <= MaxTextLength } text
            ? text.Replace("\0", "")
            : null;

    public int? Number(string name) =>
        int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>
    /// The value of the card's input <paramref name="name"/> (one of <see cref="InputIds"/>), whatever instance its id
    /// ends with: the value of "name", else of the one "name-…" the card sent; none when there are several.
    /// </summary>
    public string? Input(string name)
    {
        if (data.ContainsKey(name)) return Text(name);
        var prefix = name + InputIds.Separator;
        var ids = data.Properties().Select(p => p.Name).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Take(2).ToList();
        return ids is [var id] ? Text(id) : null;
    }

    public int? InputNumber(string name) =>
        int.TryParse(Input(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
