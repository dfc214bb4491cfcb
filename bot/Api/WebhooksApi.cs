using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ReleaseBot.Notifications;
using ReleaseBot.Persistence;

namespace ReleaseBot.Api;

/// <summary>
/// <c>/api/v1/webhooks</c>: machines that hear of release events. Each event is POSTed through the outbox (retried,
/// parked after the last attempt, counted by /health, sent once across instances) and signed with the webhook's secret.
/// </summary>
public static class WebhooksApi
{
    public const int MaxDeliveries = 100;

    public static void Map(IEndpointRouteBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks");
        webhooks.MapPost("", CreateAsync).RequireScope(ApiScope.WebhooksWrite, "Create a webhook");
        webhooks.MapGet("", ListAsync).RequireScope(ApiScope.WebhooksWrite, "The webhooks (never their secrets)");
        webhooks.MapDelete("/{id:long}", DeleteAsync).RequireScope(ApiScope.WebhooksWrite, "Delete a webhook");
        webhooks.MapGet("/{id:long}/deliveries", DeliveriesAsync).RequireScope(ApiScope.WebhooksWrite, "The latest deliveries of a webhook");
    }

    private static async Task<IResult> CreateAsync(CreateWebhookBody? body, ClaimsPrincipal caller, ReleaseBotDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var url = body?.Url?.Trim();
        if (string.IsNullOrEmpty(url) || url.Length > Webhook.MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var address)
            || !(address.Scheme == Uri.UriSchemeHttps || (address.Scheme == Uri.UriSchemeHttp && address.IsLoopback)))
            errors["url"] = [$"An absolute https address of at most {Webhook.MaxUrlLength} characters (http only to this machine, for tests)."];
        var (events, unknown) = WebhookEvents.Parse(body?.Events ?? []);
        if (unknown is not null || events == NotificationEvent.None)
            errors["events"] = [$"One or more of {string.Join(", ", WebhookEvents.Names.Select(n => n.Name))}, or \"*\" for all."];
        var secret = body?.Secret;
        if (secret is null || secret.Length is < Webhook.MinSecretLength or > Webhook.MaxSecretLength)
            errors["secret"] = [$"From {Webhook.MinSecretLength} to {Webhook.MaxSecretLength} characters: it signs every delivery."];
        if (errors.Count > 0) return Problems.Invalid(errors);

        var webhook = new Webhook { Url = url!, Events = events, Secret = secret!, CreatedAt = clock.GetUtcNow(), CreatedBy = Caller.NameOf(caller) };
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(ct);
        return Results.Created($"{ApiSetup.Prefix}/webhooks/{webhook.Id}", WebhookView.Of(webhook));
    }

    private static async Task<IResult> ListAsync(ReleaseBotDb db, CancellationToken ct) =>
        Results.Ok((await db.Webhooks.AsNoTracking().OrderBy(w => w.Id).ToListAsync(ct)).Select(WebhookView.Of).ToList());

    private static async Task<IResult> DeleteAsync(long id, ReleaseBotDb db, CancellationToken ct)
    {
        if (await db.Webhooks.Where(w => w.Id == id).ExecuteDeleteAsync(ct) == 0) return NotFound(id);
        // What was still to be sent there goes nowhere now.
        var target = NotificationTarget.Webhook(id);
        await db.Outbox.Where(m => m.Target == target && m.Status == OutboxStatus.Pending).ExecuteDeleteAsync(ct);
        return Results.NoContent();
    }

    private static async Task<IResult> DeliveriesAsync(long id, ReleaseBotDb db, CancellationToken ct)
    {
        if (!await db.Webhooks.AnyAsync(w => w.Id == id, ct)) return NotFound(id);
        var target = NotificationTarget.Webhook(id);
        var messages = await db.Outbox.AsNoTracking().Where(m => m.Target == target).OrderByDescending(m => m.Id).Take(MaxDeliveries).ToListAsync(ct);
        return Results.Ok(messages.Select(DeliveryView.Of).ToList());
    }

    private static IResult NotFound(long id) => Problems.Of(StatusCodes.Status404NotFound, "Webhook not found", $"No webhook has the id {id}.");
}

/// <summary>The body of <c>POST /api/v1/webhooks</c>.</summary>
public sealed record CreateWebhookBody(string? Url, IReadOnlyList<string?>? Events, string? Secret);

public sealed record WebhookView(long Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static WebhookView Of(Webhook w) => new(w.Id, w.Url, WebhookEvents.NamesOf(w.Events), w.CreatedAt, w.CreatedBy);
}

/// <summary>One delivery: its event, where it stands (pending, sent, failed), its attempts and last error.</summary>
public sealed record DeliveryView(long Id, string Event, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? LastError)
{
    public static DeliveryView Of(OutboxMessage m) => new(m.Id, WebhookEvents.NameOf(m.Event), m.Status.ToString().ToLowerInvariant(), m.Attempts, m.CreatedAt, m.SentAt, m.LastError);
}
