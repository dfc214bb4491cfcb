using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.IO;
using Newtonsoft.Json;
using ReleaseBot.Notifications;

namespace ReleaseBot.Teams;

/// <summary>
/// Posts a turn's activity to the Bot Connector as the SDK's connector client does (the same URL, credentials, serializer
/// and accepted answers), without what that costs on every reply: the client writes the activity into a growing string,
/// copies it into bytes and clones its default headers; here it is written once, into pooled memory. An error answer is a
/// <see cref="DeliveryException"/>, classified as every answer of the connector is.
/// </summary>
public sealed partial class ConnectorPoster(IHttpClientFactory clients, RecyclableMemoryStreamManager memory)
{
    /// <summary>A serializer of the connector's settings, made once per client (clients are kept, see <see cref="ReusedConnectorClients"/>).</summary>
    private static readonly ConditionalWeakTable<JsonSerializerSettings, JsonSerializer> Serializers = new();

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Pooled blocks of 16 KB: a reply with the largest card Teams shows (about 28 KB) takes two.</summary>
    public static RecyclableMemoryStreamManager Memory() => new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 16 * 1024,
        MaximumSmallPoolFreeBytes = 4 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 4 * 1024 * 1024,
    });

    /// <summary>A reply to the activity it names (<c>replyToId</c>), or else a new message in its conversation.</summary>
    public async Task<ResourceResponse> PostAsync(IConnectorClient connector, Activity activity, CancellationToken ct)
    {
        var conversation = Uri.EscapeDataString(activity.Conversation?.Id ?? throw new ArgumentException("The activity names no conversation.", nameof(activity)));
        var root = connector.BaseUri.AbsoluteUri;
        var slash = root.EndsWith('/') ? "" : "/";
        var url = string.IsNullOrWhiteSpace(activity.ReplyToId)
            ? $"{root}{slash}v3/conversations/{conversation}/activities"
            : $"{root}{slash}v3/conversations/{conversation}/activities/{Uri.EscapeDataString(activity.ReplyToId)}";

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Body(connector, activity) };
        if (connector.Credentials is { } credentials) await credentials.ProcessHttpRequestAsync(request, ct);
        using var response = await clients.CreateClient(ConnectorHttpClients.Name).SendAsync(request, ct);
        var status = (int)response.StatusCode;
        if (status is 200 or 201 or 202) return new ResourceResponse(await PostedIdAsync(response, ct));

        var content = await response.Content.ReadAsStringAsync(ct);
        throw DeliveryException.OfAnswer(status, response.ReasonPhrase,
            response.Headers.TryGetValues("Retry-After", out var retryAfter) ? retryAfter.FirstOrDefault() : null,
            content.Length <= 500 ? content : content[..500] + "…");
    }

    private HttpContent Body(IConnectorClient connector, Activity activity)
    {
        var stream = memory.GetStream("reply");
        using (var text = new StreamWriter(stream, Utf8, bufferSize: 256, leaveOpen: true))
        using (var json = new JsonTextWriter(text) { ArrayPool = PooledChars.Instance, CloseOutput = false })
            Serializers.GetValue(connector.SerializationSettings, JsonSerializer.Create).Serialize(json, activity);
        stream.Position = 0;
        var content = new StreamContent(stream);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        return content;
    }

    /// <summary>The id the connector gave the message; none when its answer has no readable one (the message went all the same).</summary>
    private static async Task<string> PostedIdAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync(PostedJson.Default.Posted, ct))?.Id ?? "";
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }

    internal sealed record Posted(string? Id);

    [JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
    [JsonSerializable(typeof(Posted))]
    internal sealed partial class PostedJson : JsonSerializerContext;
}
