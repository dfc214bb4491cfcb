using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json;
using ReleaseBot.Cards;
using ReleaseBot.Persistence;
using ReleaseBot.Domain;
using ReleaseBot.Localization;

namespace ReleaseBot.Notifications;

/// <summary>
/// Delivers outbox messages through the Bot Connector, proactively: a channel gets one thread per release
/// (its root card edited to the latest state, each event a reply underneath); a person gets the release card
/// in their personal chat, with the event on top.
/// </summary>
public sealed class BotDelivery(IBotFrameworkHttpAdapter adapter, IConfiguration configuration, ReleaseBotDb db, ReleaseDesk desk,
    CardLibrary cards, ConversationDirectory directory, CardReaders readers, TimeProvider clock) : INotificationDelivery
{
    private string AppId => configuration["MicrosoftAppId"] ?? "";

    /// <summary>
    /// Delivers the message; a channel notification needs two requests (its card, then its reply), and with one allowed
    /// posts its card only and returns false.
    /// </summary>
    public async Task<bool> DeliverAsync(OutboxMessage message, int requests, CancellationToken ct)
    {
        if (message.IsReply)
        {
            await PostReplyAsync(message, ct);
            return true;
        }
        var key = await KeyOf.For(db)(db, message.ReleaseId, ct);
        var release = key is null ? null : await desk.FindAsync(key, ct);
        var entry = await LogEntry.For(db)(db, message.ReleaseId, message.Revision, ct);
        if (release is null) throw new DeliveryException(FailureKind.Permanent, $"release {message.ReleaseId} no longer exists");
        // A reminder that is no longer true (the task was taken, the release resolved, suspended or cancelled) is not sent,
        // nor one of a planned start or end that moved since: the reminder of the new one is its own.
        if (message.Event == NotificationEvent.Reminder && (!release.WaitsUnassignedToStart(clock.GetUtcNow()) || !await OfThePlanAsync(message, release.PlannedStart, ct))
            || message.Event == NotificationEvent.Overdue && (!release.IsOverdue(clock.GetUtcNow()) || !await OfThePlanAsync(message, release.PlannedEnd, ct)))
            return true;

        if (NotificationTarget.IsChannel(message.Target)) return await PostToChannelAsync(message, release, entry, requests, ct);
        if (!NotificationTarget.IsUser(message.Target)) throw new DeliveryException(FailureKind.Permanent, $"unknown target {message.Target}");
        await PostToPersonAsync(message, release, entry, ct);
        return true;
    }

    /// <summary>
    /// Whether the reminder was planned for <paramref name="planned"/>: the record of that window was made with it (in the
    /// same transaction, at the same moment), not after it, as when the planned time moved since.
    /// </summary>
    private async Task<bool> OfThePlanAsync(OutboxMessage message, DateTimeOffset planned, CancellationToken ct)
    {
        var forMs = planned.ToUnixTimeMilliseconds();
        // Compared here: SQLite cannot compare moments in SQL.
        var plannedAt = await db.Reminders.AsNoTracking().Where(r => r.ReleaseId == message.ReleaseId && r.Kind == message.Event && r.ForMs == forMs)
            .Select(r => r.PlannedAt).ToListAsync(ct);
        return plannedAt.Any(at => at <= message.CreatedAt + TimeSpan.FromSeconds(1));
    }

    public Task ForgetTargetAsync(string target, CancellationToken ct) => directory.ForgetAsync(target, ct);

    /// <summary>What the message tells: who did what (the log entry of its change), or a reminder's words.</summary>
    private static string? What(OutboxMessage message, ReleaseRequest release, ExecutionLogEntry? entry, CardContext context)
    {
        var task = release.CurrentTask;
        return message.Event switch
        {
            NotificationEvent.Reminder when task is not null => context.Texts.Format("reminder.start", context.When(release.PlannedStart),
                context.StepName(task.StepKey), context.Group(task.CandidateGroupId)),
            NotificationEvent.Overdue when task is not null => context.Texts.Format("reminder.overdue", context.When(release.PlannedEnd), context.StepName(task.StepKey)),
            _ => entry is null ? null : $"{PlainText.Escape(entry.ActorName)}: {OccurrenceText.Of(context, entry)}",
        };
    }

    private async Task<bool> PostToChannelAsync(OutboxMessage message, ReleaseRequest release, ExecutionLogEntry? entry, int allowed, CancellationToken ct)
    {
        var address = await AddressOf.For(db)(db, message.Target, ct)
            ?? throw new DeliveryException(FailureKind.Gone, "the bot has no address for this channel");
        var language = await SubscribedLanguage.For(db)(db, message.Target, ct) ?? address.Language;
        var texts = Texts.For(language);
        var context = await ContextAsync(texts, release, reader: null, ct);
        var thread = await ThreadOf.For(db)(db, message.Target, release.Id, ct);
        var requests = 0;
        var cardPosted = message.CardPosted && thread is not null;
        // Only its reply is left when an earlier attempt posted the card: no card to build.
        var card = cardPosted ? null : ReleaseCard.Shared(cards, context, release, await readers.OfAsync(release, context.AtApproval(release), first: null, ct));
        var replyLeft = false;

        try
        {
            await WithConnectorAsync(address, PostToThreadAsync, ct);
        }
        catch (DeliveryException e)
        {
            throw e.After(requests, cardPosted);
        }
        return !replyLeft;

        // The card first (a new thread, or its root edited), then the event as a reply; each request counted as it goes.
        async Task PostToThreadAsync(IConnectorClient connector)
        {
            if (cardPosted && thread is not null)
            {
                // Posted or edited by an earlier attempt of this message: only its reply is left.
            }
            else if (thread is null)
            {
                requests++;
                var created = await connector.Conversations.CreateConversationAsync(new ConversationParameters
                {
                    IsGroup = true,
                    Bot = new ChannelAccount(address.BotId, address.BotName),
                    TenantId = address.TenantId,
                    ChannelData = new TeamsChannelData { Channel = new ChannelInfo(address.ConversationId), Tenant = new TenantInfo(address.TenantId) },
                    Activity = (Activity)CardActivity(card!),
                }, ct);
                thread = new ReleaseThread
                {
                    Target = message.Target,
                    ReleaseId = release.Id,
                    ThreadConversationId = created.Id,
                    RootActivityId = created.ActivityId,
                    CreatedAt = clock.GetUtcNow(),
                };
                // Kept at once: a retry of this message must reply in this thread, not open another.
                db.Threads.Add(thread);
                await db.SaveChangesAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
            }
            else
            {
                var update = (Activity)CardActivity(card!);
                update.Id = thread.RootActivityId;
                try
                {
                    requests++;
                    await connector.Conversations.UpdateActivityAsync(thread.ThreadConversationId, thread.RootActivityId, update, ct);
                }
                catch (ErrorResponseException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
                {
                    // Someone deleted the release's card: the thread is gone, not the bot; the next message opens a new one.
                    await db.Threads.Where(t => t.Id == thread.Id).ExecuteDeleteAsync(CancellationToken.None);
                    throw new DeliveryException(FailureKind.Transient, "the release's card was deleted; a new thread follows", TimeSpan.Zero, e);
                }
            }
            cardPosted = true;
            if (message.Event != NotificationEvent.None && What(message, release, entry, context) is { } what)
            {
                if (requests == allowed)
                {
                    replyLeft = true;
                    return;
                }
                requests++;
                await connector.Conversations.SendToConversationAsync(thread.ThreadConversationId, (Activity)MessageFactory.Text($"**{release.Key}** · {what}"), ct);
            }
        }
    }

    private async Task PostToPersonAsync(OutboxMessage message, ReleaseRequest release, ExecutionLogEntry? entry, CancellationToken ct)
    {
        var aadObjectId = NotificationTarget.Id(message.Target);
        var address = await AddressOf.For(db)(db, message.Target, ct);
        var language = address?.Language ?? Language.English;
        var texts = Texts.For(language);
        var reader = await desk.ActorAsync(aadObjectId, "", ct);
        var context = await ContextAsync(texts, release, reader, ct);
        var notice = What(message, release, entry, context) is { } what ? new Notice(NoticeKind.Information, what) : null;
        var activity = (Activity)CardActivity(ReleaseCard.Build(cards, context, release, notice));

        if (address is not null)
        {
            await WithConnectorAsync(address, connector => connector.Conversations.SendToConversationAsync(address.ConversationId, activity, ct), ct);
            return;
        }
        // Never spoken to in a personal chat: open one, through any conversation the bot knows, with the Teams user id
        // of a person met elsewhere, or else with their Entra object id, which Teams accepts once the app is
        // installed for them. Until then the message waits for them.
        var any = (await db.Addresses.AsNoTracking().ToListAsync(ct)).MaxBy(a => a.UpdatedAt) // ordered in memory: SQLite cannot order by a DateTimeOffset
            ?? throw new DeliveryException(FailureKind.Unreachable, "the bot knows no conversation to reach Teams through yet");
        var user = await db.KnownUsers.AsNoTracking().FirstOrDefaultAsync(u => u.AadObjectId == aadObjectId, ct);
        var member = user is null ? new ChannelAccount(aadObjectId, aadObjectId: aadObjectId) : new ChannelAccount(user.TeamsUserId, user.Name);
        try
        {
            await WithConnectorAsync(any, connector => connector.Conversations.CreateConversationAsync(new ConversationParameters
            {
                IsGroup = false,
                Bot = new ChannelAccount(any.BotId, any.BotName),
                Members = [member],
                TenantId = any.TenantId,
                ChannelData = new TeamsChannelData { Tenant = new TenantInfo(any.TenantId) },
                Activity = activity,
            }, ct), ct);
        }
        catch (DeliveryException refused) when (user is null && refused.Kind is FailureKind.Gone or FailureKind.Permanent)
        {
            throw new DeliveryException(FailureKind.Unreachable, "the bot has not met this person and cannot open a chat with them yet", inner: refused);
        }
    }

    /// <summary>A reply that could not be sent during its turn, sent now into the same conversation (and thread).</summary>
    private async Task PostReplyAsync(OutboxMessage message, CancellationToken ct)
    {
        var address = await AddressOf.For(db)(db, message.Target, ct)
            ?? throw new DeliveryException(FailureKind.Gone, "the bot has no address for this conversation any more");
        var activity = JsonConvert.DeserializeObject<Activity>(message.Payload!)!;
        var conversationId = message.ConversationId ?? address.ConversationId;
        await WithConnectorAsync(address, connector => message.ReplyToId is { } replyTo
            ? connector.Conversations.ReplyToActivityAsync(conversationId, replyTo, activity, ct)
            : connector.Conversations.SendToConversationAsync(conversationId, activity, ct), ct);
    }

    /// <summary>Runs Connector calls for a stored address, turning its failures into <see cref="DeliveryException"/>s.</summary>
    private async Task WithConnectorAsync(ConversationAddress address, Func<IConnectorClient, Task> calls, CancellationToken ct)
    {
        var reference = new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = address.ServiceUrl,
            Conversation = new ConversationAccount(id: address.ConversationId, tenantId: address.TenantId),
            Bot = new ChannelAccount(address.BotId, address.BotName),
        };
        Exception? failure = null;
        await ((CloudAdapter)adapter).ContinueConversationAsync(AppId, reference, async (turn, token) =>
        {
            try
            {
                await calls(turn.TurnState.Get<IConnectorClient>());
            }
            catch (Exception e)
            {
                // Kept, not thrown: the adapter would otherwise treat it as a failed turn and apologise to the channel.
                failure = e;
            }
        }, ct);
        if (failure is not null) throw Classify(failure);
    }

    public static Exception Classify(Exception failure) => failure switch
    {
        DeliveryException => failure,
        ErrorResponseException { Response: { } response } => DeliveryException.OfAnswer((int)response.StatusCode, response.ReasonPhrase,
            response.Headers?.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault(), response.Content, failure),
        OperationCanceledException => failure, // the sender tells its own stop from a timed-out send
        HttpRequestException or TimeoutException => new DeliveryException(FailureKind.Transient, failure.Message, inner: failure),
        _ => new DeliveryException(FailureKind.Permanent, failure.Message, inner: failure),
    };

    private async Task<CardContext> ContextAsync(Texts texts, ReleaseRequest release, Actor? reader, CancellationToken ct)
    {
        var setup = await desk.SetupAsync(ct);
        return new(texts, reader ?? Actor.Anyone, setup.FlowOf(release), setup);
    }

    // Every delivery reads these: compiled once, not translated again for each of the channels a change reaches.
    private static readonly CompiledQuery<Func<ReleaseBotDb, int, CancellationToken, Task<string?>>> KeyOf = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, int releaseId, CancellationToken ct) => db.Releases.AsNoTracking().Where(r => r.Id == releaseId).Select(r => r.Key).SingleOrDefault()));

    private static readonly CompiledQuery<Func<ReleaseBotDb, int, int, CancellationToken, Task<ExecutionLogEntry?>>> LogEntry = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, int releaseId, int revision, CancellationToken ct) =>
            db.ExecutionLog.AsNoTracking().FirstOrDefault(e => e.ReleaseId == releaseId && e.Revision == revision)));

    private static readonly CompiledQuery<Func<ReleaseBotDb, string, CancellationToken, Task<ConversationAddress?>>> AddressOf = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, string target, CancellationToken ct) => db.Set<ConversationAddress>().AsNoTracking().FirstOrDefault(a => a.Target == target)));

    private static readonly CompiledQuery<Func<ReleaseBotDb, string, CancellationToken, Task<string?>>> SubscribedLanguage = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, string target, CancellationToken ct) =>
            db.Set<ChannelSubscription>().Where(s => s.Target == target).OrderBy(s => s.Id).Select(s => s.Language).FirstOrDefault()));

    private static readonly CompiledQuery<Func<ReleaseBotDb, string, int, CancellationToken, Task<ReleaseThread?>>> ThreadOf = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, string target, int releaseId, CancellationToken ct) =>
            db.Set<ReleaseThread>().AsNoTracking().FirstOrDefault(t => t.Target == target && t.ReleaseId == releaseId)));

    private static IActivity CardActivity(Card card) =>
        MessageFactory.Attachment(new Attachment { ContentType = CardLibrary.ContentType, Content = card.Content });
}
