using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.EntityFrameworkCore;
using ReleaseBot.Persistence;
using ReleaseBot.Domain;

namespace ReleaseBot.Notifications;

/// <summary>
/// Remembers, in the database, where the bot can write later and who the people it met are; forgets a
/// conversation when the bot is removed from it. Writes only what changed, so most turns cost one read.
/// </summary>
public sealed class ConversationDirectory(ReleaseBotDb db, TimeProvider clock, RecentlyRemembered? recent = null)
{
    private const int ForgetProcessedEvery = 200;

    public static string? TargetOf(IActivity activity)
    {
        var conversation = activity.Conversation;
        if (conversation is null) return null;
        return conversation.ConversationType switch
        {
            "channel" when ChannelIdOf(activity) is { } channel => NotificationTarget.Channel(channel),
            "personal" when activity.From?.AadObjectId is { } aad => NotificationTarget.User(aad),
            "groupChat" => NotificationTarget.Chat(conversation.Id),
            _ => null,
        };
    }

    public static string? ChannelIdOf(IActivity activity) =>
        (activity as Activity)?.TryGetChannelData<TeamsChannelData>(out var data) == true ? data.Channel?.Id ?? data.Team?.Id : null;

    public async Task RememberAsync(Activity activity, CancellationToken ct)
    {
        // A message or a click from a conversation and a person as they were a moment ago changes nothing here.
        var fingerprint = activity.Type is ActivityTypes.Message or ActivityTypes.Invoke
            ? string.Join('\u001f', TargetOf(activity), activity.ServiceUrl, activity.Locale, activity.Recipient?.Id, activity.Recipient?.Name,
                activity.Conversation?.Id, activity.From?.AadObjectId, activity.From?.Id)
            : null;
        if (fingerprint is not null && recent?.Holds(fingerprint) == true) return;
        await WriteAsync(activity, ct);
        if (fingerprint is not null) recent?.Keep(fingerprint);
    }

    private async Task WriteAsync(Activity activity, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (TargetOf(activity) is { } target && activity.ServiceUrl is { Length: > 0 } serviceUrl && activity.Recipient?.Id is { } botId)
        {
            var language = Language.FromLocale(activity.Locale);
            // Not FindAsync, here and below: EF builds and interprets a new expression for each of its calls.
            var address = await db.Addresses.FirstOrDefaultAsync(a => a.Target == target, ct);
            var conversationId = NotificationTarget.IsChannel(target) ? NotificationTarget.Id(target) : activity.Conversation.Id;
            if (address is null && await AddOnceAsync(new ConversationAddress
                {
                    Target = target,
                    Kind = activity.Conversation.ConversationType switch { "channel" => ConversationKind.Channel, "personal" => ConversationKind.Personal, _ => ConversationKind.GroupChat },
                    ConversationId = conversationId,
                    ServiceUrl = serviceUrl,
                    TenantId = activity.Conversation.TenantId,
                    BotId = botId,
                    BotName = activity.Recipient.Name,
                    Language = language,
                    UpdatedAt = now,
                }, ct) == 1 && NotificationTarget.IsUser(target))
                await WakeAsync(target, now, ct);
            else if (address is not null && (address.ServiceUrl != serviceUrl || address.Language != language || address.BotId != botId || address.ConversationId != conversationId))
            {
                address.ServiceUrl = serviceUrl;
                address.Language = language;
                address.BotId = botId;
                address.ConversationId = conversationId;
                address.UpdatedAt = now;
            }
        }
        if (activity.From is { AadObjectId: { } aadObjectId, Id: { } teamsUserId } from)
        {
            var user = await db.KnownUsers.FirstOrDefaultAsync(u => u.AadObjectId == aadObjectId, ct);
            if (user is null)
            {
                if (await AddOnceAsync(new KnownUser { AadObjectId = aadObjectId, TeamsUserId = teamsUserId, Name = from.Name ?? "?", UpdatedAt = now }, ct) == 1)
                    await WakeAsync(NotificationTarget.User(aadObjectId), now, ct);
            }
            else if (user.TeamsUserId != teamsUserId)
            {
                user.TeamsUserId = teamsUserId;
                user.UpdatedAt = now;
            }
        }
        try
        {
            if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Forgotten meanwhile, as the bot was removed there: there is nothing left to update.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    // Turns on several instances may meet the same conversation or person first at once: the first
    // insert stays, the others change nothing, and nobody's turn fails. Both engines speak this SQL.
    private Task<int> AddOnceAsync(ConversationAddress a, CancellationToken ct) => db.Database.ExecuteSqlAsync($"""
        INSERT INTO "Addresses" ("Target", "Kind", "ConversationId", "ServiceUrl", "TenantId", "BotId", "BotName", "Language", "UpdatedAt")
        VALUES ({a.Target}, {a.Kind.ToString()}, {a.ConversationId}, {a.ServiceUrl}, {a.TenantId}, {a.BotId}, {a.BotName}, {a.Language}, {a.UpdatedAt})
        ON CONFLICT ("Target") DO NOTHING
        """, ct);

    private Task<int> AddOnceAsync(KnownUser u, CancellationToken ct) => db.Database.ExecuteSqlAsync($"""
        INSERT INTO "KnownUsers" ("AadObjectId", "TeamsUserId", "Name", "UpdatedAt")
        VALUES ({u.AadObjectId}, {u.TeamsUserId}, {u.Name}, {u.UpdatedAt})
        ON CONFLICT ("AadObjectId") DO NOTHING
        """, ct);

    /// <summary>The bot meets a person for the first time: the personal messages that waited for them go now.</summary>
    private Task<int> WakeAsync(string userTarget, DateTimeOffset now, CancellationToken ct) =>
        db.Outbox.Where(m => m.Target == userTarget && m.Status == OutboxStatus.Waiting)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.NextAttemptAt, now), ct);

    /// <summary>The turn of that activity failed: Teams' redelivery must be answered.</summary>
    public async Task UnmarkAsync(string? conversationId, string? activityId)
    {
        if (string.IsNullOrEmpty(activityId)) return;
        var key = $"{conversationId}|{activityId}";
        await db.ProcessedActivities.Where(a => a.ActivityId == key).ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>The bot was removed from the conversation: its address and what targets it end.</summary>
    public async Task ForgetAsync(string target, CancellationToken ct)
    {
        recent?.Clear();
        await db.Subscriptions.Where(s => s.Target == target).ExecuteDeleteAsync(ct);
        await db.Threads.Where(t => t.Target == target).ExecuteDeleteAsync(ct);
        await db.Addresses.Where(a => a.Target == target).ExecuteDeleteAsync(ct);
    }

    /// <summary>True the first time an activity id is seen; false when Teams delivers it again.</summary>
    public async Task<bool> FirstDeliveryAsync(string? conversationId, string? activityId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(activityId)) return true;
        activityId = $"{conversationId}|{activityId}"; // Teams' message ids are unique within a conversation only
        var now = clock.GetUtcNow().UtcDateTime;
        // Teams redelivers within minutes; what is older than two days is no longer worth keeping.
        if (Random.Shared.Next(ForgetProcessedEvery) == 0)
            await db.ProcessedActivities.Where(a => a.At < now.AddDays(-2)).ExecuteDeleteAsync(ct);
        var added = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ProcessedActivities" ("ActivityId", "At") VALUES ({activityId}, {now})
            ON CONFLICT ("ActivityId") DO NOTHING
            """, ct);
        return added == 1;
    }
}
