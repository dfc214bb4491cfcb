using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReleaseBot.Cards;

/// <summary>
/// How cards are written: compact UTF-8 JSON with people's letters as they are (Teams reads UTF-8; escaping
/// "ç" as "\u00E7" would only make cards bigger), and card data in camelCase, as the templates read it.
/// </summary>
public static class CardJson
{
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder };
    public static readonly JsonSerializerOptions DataOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
        Encoder = Encoder,
    };

    /// <summary>A buffer kept for the largest cards: bigger ones get a buffer of their own.</summary>
    private const int KeptBufferBytes = 256 * 1024;
    [ThreadStatic] private static ArrayBufferWriter<byte>? buffer;
    [ThreadStatic] private static Utf8JsonWriter? writer;

    /// <summary>Writes JSON with this thread's buffer and writer (<paramref name="write"/> must not await) and returns it as text.</summary>
    public static string Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var output = buffer ?? new ArrayBufferWriter<byte>(16 * 1024);
        buffer = null;
        output.ResetWrittenCount();
        var json = writer ?? new Utf8JsonWriter(output, WriterOptions);
        writer = null;
        json.Reset(output);
        write(json, state);
        json.Flush();
        var text = Encoding.UTF8.GetString(output.WrittenSpan);
        if (output.Capacity <= KeptBufferBytes)
        {
            buffer = output;
            writer = json;
        }
        return text;
    }
}
