using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReleaseBot.Persistence;

namespace ReleaseBot.Notifications;

/// <summary>
/// POSTs a webhook's outbox message: the body as planned, with <c>X-ReleaseBot-Event</c>, <c>X-ReleaseBot-Delivery</c>
/// (the same on every retry) and <c>X-ReleaseBot-Signature: sha256=&lt;hex HMAC-SHA256 of the body with the secret&gt;</c>.
/// Timeouts, 408, 429 and 5xx are tried again (the sender's backoff, or Retry-After); 410 ends the webhook; any other
/// answer but 2xx parks the message.
/// </summary>
public sealed class WebhookDelivery(IHttpClientFactory clients, ReleaseBotDb db)
{
    public const string ClientName = "webhooks";
    public const string EventHeader = "X-ReleaseBot-Event";
    public const string DeliveryHeader = "X-ReleaseBot-Delivery";
    public const string SignatureHeader = "X-ReleaseBot-Signature";

    public async Task DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        var id = long.Parse(NotificationTarget.Id(message.Target), CultureInfo.InvariantCulture);
        var webhook = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct)
            ?? throw new DeliveryException(FailureKind.Gone, "the webhook was deleted");
        var body = Encoding.UTF8.GetBytes(message.Payload ?? "{}");
        using var document = JsonDocument.Parse(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(EventHeader, document.RootElement.GetProperty("event").GetString());
        request.Headers.Add(DeliveryHeader, document.RootElement.GetProperty("id").GetString());
        request.Headers.Add(SignatureHeader, Signature(webhook.Secret, body));

        using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode) return;
        var retryAfter = response.Headers.RetryAfter is { } after
            ? after.Delta ?? (after.Date is { } date ? date - DateTimeOffset.UtcNow : null)
            : null;
        throw status switch
        {
            408 or 429 or >= 500 => new DeliveryException(FailureKind.Transient, $"{status} {response.ReasonPhrase}", retryAfter) { StatusCode = status },
            (int)HttpStatusCode.Gone => new DeliveryException(FailureKind.Gone, $"{status} {response.ReasonPhrase}") { StatusCode = status },
            _ => new DeliveryException(FailureKind.Permanent, $"{status} {response.ReasonPhrase}") { StatusCode = status },
        };
    }

    /// <summary>What a receiver compares with the header: "sha256=" and the lowercase hex HMAC-SHA256 of the raw body.</summary>
    public static string Signature(string secret, byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>A webhook that answered 410 is deleted: nothing will be sent to it again.</summary>
    public async Task ForgetAsync(string target, CancellationToken ct)
    {
        var id = long.Parse(NotificationTarget.Id(target), CultureInfo.InvariantCulture);
        await db.Webhooks.Where(w => w.Id == id).ExecuteDeleteAsync(ct);
    }
}
