using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;
using ReleaseBot.Domain.Events;
using ReleaseBot.Persistence;

namespace ReleaseBot.Notifications;

/// <summary>
/// Turns each release event into one outbox message per webhook that asked for it, in the same transaction as the
/// change. The body is written now, as the event was: a retry sends the same bytes, under the same delivery id.
/// </summary>
public sealed class WebhookPlanner(TimeProvider clock) : IReleaseEventHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly CompiledQuery<Func<ReleaseBotDb, IAsyncEnumerable<Webhook>>> Webhooks = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db) => db.Set<Webhook>().AsNoTracking()));

    public async Task HandleAsync(ReleaseBotDb db, ReleaseRequest release, IReadOnlyList<ReleaseEvent> events, CancellationToken ct)
    {
        if (events.Count == 0) return;
        var webhooks = await Webhooks.For(db)(db).ToListAsync(ct);
        if (webhooks.Count == 0) return;
        var now = clock.GetUtcNow();
        foreach (var change in events)
        {
            var what = NotificationPlanner.EventOf(change);
            if (what == NotificationEvent.None) continue;
            var name = WebhookEvents.NameOf(what);
            var entry = ExecutionLogEntry.Of(change);
            foreach (var webhook in webhooks.Where(w => (w.Events & what) != 0))
                db.Outbox.Add(OutboxMessage.About(release, change, webhook.Target, what, now, JsonSerializer.Serialize(new WebhookBody(
                    Guid.NewGuid().ToString("N"), name, change.Stamp.At, change.Stamp.ActorName,
                    new WebhookRelease(release.Key, release.Title, release.Type, MachineNames.Of(release.Status), change.Stamp.Revision, release.ExternalId,
                        $"/api/v1/releases/{release.Key}"),
                    new WebhookEntry(MachineNames.Of(entry.Occurrence), entry.StepKey, entry.ToStepKey, entry.Situation is { } s ? MachineNames.Of(s) : null,
                        entry.Subject, entry.Text)), Json)));
        }
    }
}

/// <summary>What a webhook receives: the event, who made it and when, the release as it became, and the log entry it wrote.</summary>
public sealed record WebhookBody(string Id, string Event, DateTimeOffset OccurredAt, string Actor, WebhookRelease Release, WebhookEntry Entry);

public sealed record WebhookRelease(string Key, string Title, string Type, string Status, int Revision, string? ExternalId, string Url);

public sealed record WebhookEntry(string Occurrence, string Step, string? ToStep, string? Situation, string? Subject, string? Text);
