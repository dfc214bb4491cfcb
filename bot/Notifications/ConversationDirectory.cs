using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.EntityFrameworkCore;
using ReleaseBot.Data;
using ReleaseBot.Domain;

namespace ReleaseBot.Notifications;

/// <summary>
/// Remembers, in the database, where the bot can write later and who the people it met are; forgets a
/// conversation when the bot is removed from it. Writes only what changed, so most turns cost one read.
/// </summary>
public sealed class ConversationDirectory(ReleaseBotDb db, TimeProvider clock)
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
        var now = clock.GetUtcNow();
        if (TargetOf(activity) is { } target && activity.ServiceUrl is { Length: > 0 } serviceUrl && activity.Recipient?.Id is { } botId)
        {
            var language = Language.FromLocale(activity.Locale);
            var address = await db.Addresses.FindAsync([target], ct);
            var conversationId = NotificationTarget.IsChannel(target) ? NotificationTarget.Id(target) : activity.Conversation.Id;
            if (address is null)
                db.Addresses.Add(new ConversationAddress
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
                });
            else if (address.ServiceUrl != serviceUrl || address.Language != language || address.BotId != botId || address.ConversationId != conversationId)
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
            var user = await db.KnownUsers.FindAsync([aadObjectId], ct);
            if (user is null)
                db.KnownUsers.Add(new KnownUser { AadObjectId = aadObjectId, TeamsUserId = teamsUserId, Name = from.Name ?? "?", UpdatedAt = now });
            else if (user.TeamsUserId != teamsUserId)
            {
                user.TeamsUserId = teamsUserId;
                user.UpdatedAt = now;
            }
        }
        if (db.ChangeTracker.HasChanges())
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another turn of the same conversation stored it first: nothing is lost.
            }
            db.ChangeTracker.Clear();
        }
    }

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
        db.ProcessedActivities.Add(new ProcessedActivity { ActivityId = activityId, At = now });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
