using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using ReleaseBot.Diagnostics;
using ReleaseBot.Notifications;
using ReleaseBot.Persistence;

namespace ReleaseBot.Teams;

/// <summary>
/// Sends a turn's reply so that it is never lost: throttling (429), 412, server errors and timeouts are retried,
/// honouring Retry-After, within <see cref="ReplyOptions.Deadline"/>; a reply that cannot go by then is written to
/// the outbox, which delivers it later. Replies of a conversation that has replies waiting in the outbox queue
/// behind them, so the person reads them in order. Other failures (400, the bot removed) are the turn's.
/// </summary>
public sealed partial class ReplySender(ReleaseBotDb db, TimeProvider clock, IOptions<ReplyOptions> options, ILogger<ReplySender> logger)
{
    private readonly ReplyOptions settings = options.Value;

    public async Task SendAsync(ITurnContext turn, IActivity reply, CancellationToken ct)
    {
        var target = ConversationDirectory.TargetOf(turn.Activity);
        if (target is not null && await RepliesWaitAsync(target, ct))
        {
            await QueueAsync(turn, reply, target, clock.GetUtcNow(), "replies before it are waiting", ct);
            return;
        }
        var deadline = clock.GetUtcNow() + settings.Deadline;
        for (var attempt = 1; ; attempt++)
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bounded.CancelAfter(Remaining(deadline));
            Exception failure;
            try
            {
                await turn.SendActivityAsync(reply, bounded.Token);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failure = e;
            }
            var classified = failure is OperationCanceledException
                ? new DeliveryException(FailureKind.Transient, "no answer before the reply's deadline", inner: failure)
                : BotDelivery.Classify(failure);
            if (classified is not DeliveryException { Kind: FailureKind.Transient } transient || target is null) throw failure;

            if (transient.StatusCode == 429) ReleaseBotTelemetry.Throttled.Add(1, new KeyValuePair<string, object?>("path", "reply"));
            var wait = transient.RetryAfter ?? settings.FirstBackoff * Math.Pow(2, attempt - 1);
            if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
            if (clock.GetUtcNow() + wait >= deadline)
            {
                await QueueAsync(turn, reply, target, clock.GetUtcNow() + wait, transient.Message, ct);
                return;
            }
            LogRetrying(turn.Activity.Conversation?.Id, attempt, wait, transient.Message);
            await Task.Delay(wait, clock, ct);
        }
    }

    private TimeSpan Remaining(DateTimeOffset deadline)
    {
        var left = deadline - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }

    private Task<bool> RepliesWaitAsync(string target, CancellationToken ct) => RepliesWait.For(db)(db, target, ct);

    private static readonly CompiledQuery<Func<ReleaseBotDb, string, CancellationToken, Task<bool>>> RepliesWait = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, string target, CancellationToken ct) =>
            db.Set<OutboxMessage>().Any(m => m.Target == target && m.Status == OutboxStatus.Pending && m.Payload != null)));

    private async Task QueueAsync(ITurnContext turn, IActivity reply, string target, DateTimeOffset notBefore, string why, CancellationToken ct)
    {
        var activity = (Activity)reply;
        // As the turn would have sent it: in this conversation, from the bot, answering the person's activity.
        var reference = turn.Activity.GetConversationReference();
        activity.ApplyConversationReference(reference);
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            Target = target,
            Payload = JsonConvert.SerializeObject(activity, Formatting.None),
            ConversationId = reference.Conversation.Id,
            ReplyToId = turn.Activity.Id,
            CreatedAt = now,
            NextAttemptAt = notBefore,
            Status = OutboxStatus.Pending,
        };
        db.Outbox.Add(message);
        await db.SaveChangesAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        LogQueued(turn.Activity.Conversation?.Id, message.Id, why);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply in conversation {ConversationId}: attempt {Attempt} failed, next in {Wait}: {Error}")]
    private partial void LogRetrying(string? conversationId, int attempt, TimeSpan wait, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply in conversation {ConversationId} handed to the outbox as message {MessageId}: {Why}")]
    private partial void LogQueued(string? conversationId, long messageId, string why);
}
