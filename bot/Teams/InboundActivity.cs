using System.Buffers;
using System.Text;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace ReleaseBot.Teams;

/// <summary>
/// The activity POSTed to <c>/api/messages</c>: the body read once, up to a size limit, and parsed once with the SDK's own
/// serializer; then checked for what the bot needs to answer it. Each refusal is an RFC 9457 problem saying what is wrong.
/// </summary>
public static class InboundActivity
{
    /// <summary>The activity in the body, or the refusal: 413 over <paramref name="maxBytes"/>, 400 when it is no JSON activity.</summary>
    public static async Task<(Activity? Activity, IResult? Refusal)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));
        using var body = new MemoryStream(request.ContentLength is { } length ? (int)Math.Min(length, int.MaxValue) : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (body.Length + read > maxBytes) return (null, TooLarge(maxBytes));
                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        body.Position = 0;
        Activity? activity;
        try
        {
            using var reader = new JsonTextReader(new StreamReader(body, Encoding.UTF8)) { MaxDepth = 128, ArrayPool = PooledChars.Instance };
            activity = HttpHelper.BotMessageSerializer.Deserialize<Activity>(reader);
            if (activity is not null && reader.Read()) return (null, Malformed("The body has content after the activity."));
        }
        catch (JsonException)
        {
            return (null, Malformed("The body is not a JSON activity."));
        }
        if (activity is null) return (null, Malformed("The body is empty: it must be a JSON activity."));
        if (string.IsNullOrEmpty(activity.Type)) return (null, Malformed("The activity has no type."));
        return (activity, null);
    }

    /// <summary>Why the bot cannot answer this activity (400), or null when it has all it needs.</summary>
    public static IResult? Check(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
            return Malformed("The activity has no serviceUrl: the bot would not know where to answer.");
        if (ServiceUrlOf(activity) is null)
            return Malformed("The activity's serviceUrl is not an absolute http or https URL.");
        if (string.IsNullOrEmpty(activity.ChannelId)) return Malformed("The activity has no channelId.");
        if (string.IsNullOrEmpty(activity.From?.Id)) return Malformed("The activity has no from (with an id): the bot would not know who speaks.");
        if (string.IsNullOrEmpty(activity.Conversation?.Id)) return Malformed("The activity has no conversation (with an id).");
        if (string.IsNullOrEmpty(activity.Recipient?.Id)) return Malformed("The activity has no recipient (with an id).");
        return null;
    }

    /// <summary>The activity's serviceUrl when it is an absolute http(s) URL.</summary>
    public static Uri? ServiceUrlOf(Activity activity) =>
        Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0
            ? uri : null;

    public static IResult Malformed(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The activity cannot be answered");

    public static IResult TooLarge(long maxBytes) =>
        Results.Problem($"The body is larger than the {maxBytes} bytes this endpoint accepts (Bot:MaxActivityBytes).",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "The activity is too large");

    public static IResult Unauthenticated() =>
        Results.Problem("The request needs a valid Bot Framework token for this bot in its Authorization header.",
            statusCode: StatusCodes.Status401Unauthorized, title: "Not authenticated");

    public static IResult KeysUnavailable() =>
        Results.Problem("The bot could not read the signing keys to verify the token. Try again later.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Authentication is unavailable");

    public static IResult Untrusted(Uri serviceUrl) =>
        Results.Problem($"The bot does not call {serviceUrl.Scheme}://{serviceUrl.Authority}/: no token vouches for this serviceUrl and its host is not in Bot:TrustedServiceUrls.",
            statusCode: StatusCodes.Status403Forbidden, title: "Untrusted serviceUrl");
}
