using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReleaseBot.Diagnostics;
using ReleaseBot.Persistence;

namespace ReleaseBot.Notifications;

/// <summary>
/// Delivers the outbox. Workers serve the targets with pending messages, each when it may go: a target's oldest pending
/// message is delivered and its outcome recorded, then the next one, so each target gets its messages in Id order. A
/// target whose oldest message waits for a retry, or is held by another sender, or has reached its rate limit, is queued
/// again for when it may go on (<see cref="TargetSchedule"/>); other targets go on meanwhile. A parked (failed) message no
/// longer holds its target back.
/// <para>
/// Several senders (processes) may run over one database: a message is taken with a conditional
/// update on what the sender read (status, attempts, lease), so only one of them gets it, and a
/// delivery is abandoned after <see cref="OutboxSenderOptions.DeliveryTimeout"/>, before its lease
/// ends. A successful send is recorded even when a stop arrives meanwhile, so a graceful stop never
/// sends a message twice. At least once, not exactly once, for the one message in flight when
/// (a) the process dies between a successful send and its record: it is sent again when its lease
/// expires; or (b) a stop interrupts the send itself: Teams may have received it, and it is sent again.
/// </para>
/// <para>
/// The rate windows are counted in the database (see <see cref="TargetRateLimiter"/>), so the senders of every
/// instance keep Teams' pace together.
/// </para>
/// </summary>
public sealed partial class OutboxSender(
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<OutboxSender> logger,
    IOptions<OutboxSenderOptions> options,
    OutboxBell? bell = null) : BackgroundService
{
    private readonly OutboxSenderOptions settings = Validated(options.Value);
    private readonly TargetRateLimiter limiter = new(options.Value.TargetLimits());

    private static OutboxSenderOptions Validated(OutboxSenderOptions value)
    {
        value.Validate();
        return value;
    }

    private enum Outcome { Sent, ReplyLeft, Retrying, Parked, Gone, Waiting }

    private DateTimeOffset nextExpiryCheck = DateTimeOffset.MinValue;
    private DateTimeOffset nextReport = DateTimeOffset.MinValue;

    /// <summary>Cancelled only when the host stops waiting for us: the send in flight is then abandoned.</summary>
    private readonly CancellationTokenSource abort = new();

    /// <summary>
    /// A stop (SIGTERM) lets the send in flight finish and be recorded, then the sender takes no more; only when the
    /// host's shutdown timeout runs out is that send abandoned (and sent again later, at least once).
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var hardStop = cancellationToken.Register(abort.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        abort.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// <see cref="OutboxSenderOptions.TargetsAtOnce"/> workers each take the target due soonest, deliver its oldest message,
    /// queue it again for when it may go on, and take the next: a conversation whose window opens is served then, not
    /// after the others' turns. Alongside, the database is looked at every <see cref="OutboxSenderOptions.PollInterval"/>
    /// for targets with new messages, and at once when this process wrote some (<see cref="OutboxBell"/>).
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, settings.TargetsAtOnce).Select(_ => WorkAsync(stoppingToken)).ToList();
        await LookEveryPollIntervalAsync(stoppingToken);
        await Task.WhenAll(workers);
    }

    private async Task LookEveryPollIntervalAsync(CancellationToken stoppingToken)
    {
        var failedLooks = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var pause = settings.PollInterval;
            try
            {
                schedule.Found(await LookAsync(stoppingToken));
                failedLooks = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The database may be away for a while: say so, and wait a little longer each time.
                failedLooks++;
                LogLookFailed(e, failedLooks);
                pause = Longer(failedLooks);
            }
            try
            {
                // However often this process writes notifications, the database is looked at every LookGap at most.
                var gap = LookGap < pause ? LookGap : pause;
                await Task.Delay(gap, time, stoppingToken);
                await outboxBell.WaitAsync(pause - gap, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private readonly OutboxBell outboxBell = bell ?? new OutboxBell();
    private static readonly TimeSpan LookGap = TimeSpan.FromMilliseconds(50);

    private int failedServices;

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            string target;
            try
            {
                target = await schedule.TakeNextAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            try
            {
                // One message at a time: when many conversations may go at once, as when a change reaches every
                // subscribed channel, each gets its first message before any gets its second.
                await ServeAsync(target, 1, stoppingToken, abort.Token);
                Volatile.Write(ref failedServices, 0);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The target is forgotten and found again by a later look; this worker waits a little longer each time.
                var failures = Interlocked.Increment(ref failedServices);
                LogServiceFailed(e, target, failures);
                try
                {
                    await Task.Delay(Longer(failures), time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private TimeSpan Longer(int failures)
    {
        var longer = settings.PollInterval * Math.Pow(2, Math.Min(failures, 10));
        return longer < TimeSpan.FromSeconds(30) ? longer : TimeSpan.FromSeconds(30);
    }

    /// <summary>
    /// One pass: looks at the database, then serves every target due now, <see cref="OutboxSenderOptions.TargetsAtOnce"/>
    /// at a time, each once, until it must wait. Returns how many messages it delivered.
    /// Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> (stopping) is
    /// cancelled, after the send in flight finished; what was delivered until then is recorded as sent.
    /// <paramref name="abort"/> abandons the send in flight as well.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken, CancellationToken abort = default)
    {
        var taken = schedule.TakeDue(await LookAsync(cancellationToken));
        var started = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var delivered = 0;
        try
        {
            await Parallel.ForEachAsync(taken,
                new ParallelOptions { MaxDegreeOfParallelism = settings.TargetsAtOnce }, async (target, _) =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    started[target] = true;
                    Interlocked.Add(ref delivered, await ServeAsync(target, int.MaxValue, cancellationToken, abort));
                });
        }
        finally
        {
            // Taken but not served, as the pass stopped: a later look finds them again.
            foreach (var target in taken.Where(t => !started.ContainsKey(t))) schedule.Served(target, null, 0);
        }
        return delivered;
    }

    /// <summary>
    /// The earliest time a target that had to wait may go on (its retry, a lease, room in its windows); null when none waits.
    /// </summary>
    internal DateTimeOffset? NextDue => schedule.Earliest;

    private readonly TargetSchedule schedule = new(time);

    /// <summary>Gives up expired waits, reports the outbox's health, and says which targets have pending messages (each with its oldest).</summary>
    private async Task<List<(string Target, long Oldest)>> LookAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();
        await ExpireWaitingAsync(db, cancellationToken);
        await ReportAsync(db, cancellationToken);
        var targets = await db.Outbox.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending)
            .GroupBy(m => m.Target)
            .Select(g => new { Target = g.Key, Oldest = g.Min(m => m.Id) })
            .ToListAsync(cancellationToken);
        return targets.ConvertAll(t => (t.Target, t.Oldest));
    }

    /// <summary>
    /// Serves a target the schedule gave this sender, with a context of its own (targets are independent: each keeps its
    /// own order and its own windows), then queues it again for when it may go on, or forgets it.
    /// </summary>
    private async Task<int> ServeAsync(string target, int most, CancellationToken cancellationToken, CancellationToken abort)
    {
        var served = new TargetServed(0, null, 0);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();
            var delivery = scope.ServiceProvider.GetRequiredService<INotificationDelivery>();
            // A dozen commands, as in a turn: on SQLite one connection for them all, not one set up again for each.
            await db.StartTurnAsync(cancellationToken);
            served = await SendToTargetAsync(db, delivery, target, most, cancellationToken, abort);
            return served.Delivered;
        }
        finally
        {
            schedule.Served(target, served.Next, served.Oldest);
        }
    }

    /// <summary>What serving a target did, and when it may go on (null: nothing pending, or another sender has it).</summary>
    private readonly record struct TargetServed(int Delivered, DateTimeOffset? Next, long Oldest);

    /// <summary>
    /// Delivers the target's pending messages in Id order, up to <paramref name="most"/>, until one cannot go now. When it
    /// stops at <paramref name="most"/>, the target may go on at once, behind the other targets due by then.
    /// </summary>
    private async Task<TargetServed> SendToTargetAsync(ReleaseBotDb db, INotificationDelivery delivery, string target, int most,
        CancellationToken cancellationToken, CancellationToken abort)
    {
        var delivered = 0;
        for (var tried = 0; ; tried++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Times are compared here rather than in SQL: SQLite cannot compare DateTimeOffset values,
            // and only the target's head message is read.
            var head = await HeadOf.For(db)(db, target, cancellationToken);
            if (head is null) return new(delivered, null, 0);
            if (tried == most) return new(delivered, time.GetUtcNow(), head.Id);

            var now = time.GetUtcNow();
            if (head.NextAttemptAt > now) return new(delivered, head.NextAttemptAt, head.Id);             // waits for its retry, and holds back the rest
            if (head.LeasedUntil is { } held && held > now) return new(delivered, held, head.Id);         // another sender has it
            // A channel notification's card goes as soon as one request fits; its reply when the next one does.
            var windows = await limiter.ReadAsync(db, target, now, cancellationToken);
            var room = windows.RoomAt(1);
            if (room > now) return new(delivered, room, head.Id);                                         // once the window has room
            var requests = windows.RoomAt(RequestsPerMessage(head)) <= now ? RequestsPerMessage(head) : 1;

            var lease = await TryTakeAsync(db, head, now, cancellationToken);
            if (lease is null) return new(delivered, null, 0);                 // another sender was quicker

            var outcome = await DeliverAsync(db, delivery, head, lease.Value, requests, abort);
            ReleaseBotTelemetry.Deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));
            if (outcome == Outcome.Gone) return new(delivered, null, 0);
            if (outcome == Outcome.Sent) delivered++;
            // A parked or waiting message no longer holds the target; a retrying one is noted at the next look at the head,
            // as is a message whose reply is left.
        }
    }

    private static readonly CompiledQuery<Func<ReleaseBotDb, string, CancellationToken, Task<OutboxMessage?>>> HeadOf = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, string target, CancellationToken ct) => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Target == target && m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.Id)
            .FirstOrDefault()));

    /// <summary>
    /// Takes the message with a compare-and-set on what was read (status, attempts, next attempt, lease and card): of
    /// several senders that read the same row, exactly one update matches. This needs only equality,
    /// so it works on SQLite and PostgreSQL alike. Returns the lease, or null when another sender took it.
    /// The next attempt is compared because a throttle changes nothing else: a sender that read the row before another
    /// one took it, was throttled and let it go must not send it before Teams' Retry-After. Whether the card went is
    /// compared for the same reason: a sender that read the row before another one posted its card and let it go read
    /// the windows before that request too, and would post the card again.
    /// </summary>
    private async Task<DateTimeOffset?> TryTakeAsync(ReleaseBotDb db, OutboxMessage head, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lease = now + settings.LeaseDuration;
        var seenLease = head.LeasedUntil;
        var seenAttempts = head.Attempts;
        var seenNext = head.NextAttemptAt;
        var seenCardPosted = head.CardPosted;
        var taken = await db.Outbox
            .Where(m => m.Id == head.Id && m.Status == OutboxStatus.Pending
                && m.Attempts == seenAttempts && m.NextAttemptAt == seenNext && m.LeasedUntil == seenLease && m.CardPosted == seenCardPosted)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeasedUntil, lease)
                .SetProperty(m => m.LeaseOwner, settings.InstanceId), cancellationToken);
        if (taken != 1) return null;
        head.LeasedUntil = lease;
        head.LeaseOwner = settings.InstanceId;
        return lease;
    }

    /// <summary>A channel notification edits (or posts) the release's card and replies under it: two requests to Teams; a reply is one.</summary>
    private static int RequestsPerMessage(OutboxMessage message) =>
        NotificationTarget.IsChannel(message.Target) && !message.IsReply && !message.CardPosted ? 2 : 1;

    /// <summary>
    /// Delivers once, counts its requests, and records the outcome. The requests are counted when the delivery ends,
    /// whatever the outcome: its last request went no later than that, so no window of Teams' holds more than the limiter
    /// counted, however long the first took. And they are counted no later than the outcome is recorded (a sent message's
    /// with its mark): once the message is sent or let go, another sender may serve its target, and must find them in the windows.
    /// </summary>
    private async Task<Outcome> DeliverAsync(ReleaseBotDb db, INotificationDelivery delivery, OutboxMessage message, DateTimeOffset lease, int requests,
        CancellationToken cancellationToken)
    {
        Exception? failure = null;
        var whole = true;
        using (var timeout = new CancellationTokenSource(settings.DeliveryTimeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                whole = await delivery.DeliverAsync(message, requests, linked.Token);
            }
            catch (Exception e)
            {
                failure = e;
            }
        }
        var made = (failure as DeliveryException)?.RequestsMade ?? requests;
        // A sent message's count and mark are one write: one turn at the database's write lock, not two.
        await using var transaction = failure is null ? await db.Database.BeginTransactionAsync(CancellationToken.None) : null;
        await limiter.RecordAsync(db, message.Target, time.GetUtcNow(), made, CancellationToken.None);
        var outcome = failure is null && !whole
            ? await ReplyLeftAsync(db, message.Id, lease)
            : await RecordAsync(db, delivery, message, lease, failure, cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(CancellationToken.None);
        return outcome;
    }

    /// <summary>Records what the delivery came to: sent, or how it failed.</summary>
    private async Task<Outcome> RecordAsync(ReleaseBotDb db, INotificationDelivery delivery, OutboxMessage message, DateTimeOffset lease,
        Exception? failure, CancellationToken cancellationToken)
    {
        switch (failure)
        {
            case null:
                break;
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                // Stopped hard: not an attempt. Let go of the message so that the next sender takes it at once
                // (it may have reached Teams before the stop: then it is sent again, at least once).
                await ReleaseAsync(db, message.Id, lease);
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                break;
            case DeliveryException e:
                if (e.StatusCode == 429) ReleaseBotTelemetry.Throttled.Add(1, new KeyValuePair<string, object?>("path", "outbox"));
                if (e.CardPosted) await CardPostedAsync(db, message.Id, lease);
                if (e.StatusCode == 429 && e.RetryAfter is { } asked) return await ThrottledAsync(db, message, lease, asked);
                return await FailedAsync(db, delivery, message, lease, e.Kind, e.Message, e.RetryAfter, e, cancellationToken);
            default:
            {
                // A timeout (ours or the HTTP client's), a network error, or something the delivery did
                // not classify: try again later; after the last attempt it is parked, never dropped.
                var kind = failure is OperationCanceledException or HttpRequestException or TimeoutException ? "" : $"{failure.GetType().Name}: ";
                var error = failure is OperationCanceledException ? "timed out" : kind + failure.Message;
                return await FailedAsync(db, delivery, message, lease, FailureKind.Transient, error, null, failure, cancellationToken);
            }
        }

        // Sent. Recorded whatever happens to the sender now (CancellationToken.None): a graceful stop
        // after a successful send never sends it twice. A hard crash right here leaves the message
        // leased but pending: it is sent again when the lease expires (at least once, for this one only).
        var sentAt = time.GetUtcNow();
        await db.Outbox
            .Where(m => m.Id == message.Id && m.Status != OutboxStatus.Sent)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.LeasedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LeaseOwner, (string?)null), CancellationToken.None);
        return Outcome.Sent;
    }

    /// <summary>The card went and the reply is left: the message is let go, to be taken again when one more request fits.</summary>
    private async Task<Outcome> ReplyLeftAsync(ReleaseBotDb db, long id, DateTimeOffset lease)
    {
        await HeldByMe(db, id, lease).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.CardPosted, true)
            .SetProperty(m => m.LeasedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.LeaseOwner, (string?)null), CancellationToken.None);
        return Outcome.ReplyLeft;
    }

    private Task<int> CardPostedAsync(ReleaseBotDb db, long id, DateTimeOffset lease) =>
        HeldByMe(db, id, lease).ExecuteUpdateAsync(s => s.SetProperty(m => m.CardPosted, true), CancellationToken.None);

    /// <summary>
    /// Teams is pacing the bot (429 with Retry-After): the message goes again when Teams said, no later, and the
    /// throttle does not use up one of its attempts, which count failures. The target waits meanwhile.
    /// </summary>
    private async Task<Outcome> ThrottledAsync(ReleaseBotDb db, OutboxMessage message, DateTimeOffset lease, TimeSpan retryAfter)
    {
        var next = time.GetUtcNow() + retryAfter;
        var lastError = Shorten($"throttled: 429, again after {retryAfter.TotalSeconds:0.###} s");
        await HeldByMe(db, message.Id, lease).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, lastError)
            .SetProperty(m => m.LeasedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.LeaseOwner, (string?)null), CancellationToken.None);
        LogThrottled(message.Id, message.Target, retryAfter);
        return Outcome.Retrying;
    }

    private async Task<Outcome> FailedAsync(ReleaseBotDb db, INotificationDelivery delivery, OutboxMessage message, DateTimeOffset lease,
        FailureKind kind, string error, TimeSpan? retryAfter, Exception exception, CancellationToken cancellationToken)
    {
        var attempts = message.Attempts + 1;
        var now = time.GetUtcNow();
        switch (kind)
        {
            case FailureKind.Transient when attempts < settings.MaxAttempts:
            {
                var wait = Backoff(attempts);
                if (retryAfter is { } asked && asked > wait) wait = asked;
                var next = now + wait;
                var lastError = Shorten($"transient: {error}");
                await HeldByMe(db, message.Id, lease).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.LastError, lastError)
                    .SetProperty(m => m.LeasedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LeaseOwner, (string?)null), CancellationToken.None);
                LogRetrying(message.Id, message.Target, attempts, wait, error);
                return Outcome.Retrying;
            }
            case FailureKind.Unreachable:
            {
                // Not a fault: most people of a tenant never talk to the bot. It waits for them (ConversationDirectory wakes it).
                var lastError = Shorten($"waiting: {error}");
                await HeldByMe(db, message.Id, lease).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.Status, OutboxStatus.Waiting)
                    .SetProperty(m => m.LastError, lastError)
                    .SetProperty(m => m.LeasedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LeaseOwner, (string?)null), CancellationToken.None);
                LogWaiting(message.Id, message.Target, error);
                return Outcome.Waiting;
            }
            case FailureKind.Gone:
            {
                // The bot is no longer in the conversation: nothing pending there can ever arrive.
                var lastError = Shorten($"gone: {error}");
                var othersError = Shorten($"gone: {error} (found delivering message {message.Id})");
                await db.Outbox.Where(m => m.Id == message.Id && m.Status == OutboxStatus.Pending)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Attempts, attempts)
                        .SetProperty(m => m.Status, OutboxStatus.Failed)
                        .SetProperty(m => m.LastError, lastError)
                        .SetProperty(m => m.LeasedUntil, (DateTimeOffset?)null)
                        .SetProperty(m => m.LeaseOwner, (string?)null), CancellationToken.None);
                var target = message.Target;
                var others = await db.Outbox.Where(m => m.Target == target && m.Status == OutboxStatus.Pending)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, OutboxStatus.Failed)
                        .SetProperty(m => m.LastError, othersError)
                        .SetProperty(m => m.LeasedUntil, (DateTimeOffset?)null)
                        .SetProperty(m => m.LeaseOwner, (string?)null), CancellationToken.None);
                LogGone(message.Id, target, others, error);
                try
                {
                    await delivery.ForgetTargetAsync(target, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Its messages are failed already; the next message written there meets the same
                    // answer and tries again to forget it.
                    LogForgetFailed(e, target);
                }
                return Outcome.Gone;
            }
            default: // Permanent, or Transient after the last attempt
            {
                var lastError = Shorten($"{(kind == FailureKind.Permanent ? "permanent" : "transient")}: {error}");
                await HeldByMe(db, message.Id, lease).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.Status, OutboxStatus.Failed)
                    .SetProperty(m => m.LastError, lastError)
                    .SetProperty(m => m.LeasedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LeaseOwner, (string?)null), CancellationToken.None);
                LogParked(exception, message.Id, message.Target, attempts, lastError);
                return Outcome.Parked;
            }
        }
    }

    /// <summary>The outbox's depth, age and parked messages for the metrics, every five seconds at most.</summary>
    private async Task ReportAsync(ReleaseBotDb db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < nextReport) return;
        nextReport = now + TimeSpan.FromSeconds(5);
        var health = await HealthAsync(db, time, cancellationToken);
        ReleaseBotTelemetry.ReportOutbox(new(health.Pending, health.Failed, health.WaitingForPeople, health.OldestPendingAge?.TotalSeconds ?? 0));
    }

    /// <summary>
    /// Gives up, once a minute at most, the personal messages that waited longer than <see cref="OutboxSenderOptions.WaitForPersonUpTo"/>.
    /// Their times are compared here: SQLite cannot compare DateTimeOffset values in SQL.
    /// </summary>
    private async Task ExpireWaitingAsync(ReleaseBotDb db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < nextExpiryCheck) return;
        nextExpiryCheck = now + TimeSpan.FromMinutes(1);
        var waiting = await db.Outbox.AsNoTracking().Where(m => m.Status == OutboxStatus.Waiting)
            .Select(m => new { m.Id, m.Target, m.CreatedAt }).ToListAsync(cancellationToken);
        foreach (var message in waiting.Where(m => now - m.CreatedAt > settings.WaitForPersonUpTo))
        {
            var expired = await db.Outbox.Where(m => m.Id == message.Id && m.Status == OutboxStatus.Waiting)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Expired), cancellationToken);
            if (expired == 1) LogExpired(message.Id, message.Target, settings.WaitForPersonUpTo);
        }
    }

    /// <summary>The message, as long as this sender still holds it.</summary>
    private IQueryable<OutboxMessage> HeldByMe(ReleaseBotDb db, long id, DateTimeOffset lease)
    {
        var owner = settings.InstanceId;
        return db.Outbox.Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.LeaseOwner == owner && m.LeasedUntil == lease);
    }

    private Task ReleaseAsync(ReleaseBotDb db, long id, DateTimeOffset lease) =>
        HeldByMe(db, id, lease).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.LeasedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.LeaseOwner, (string?)null), CancellationToken.None);

    /// <summary>BaseBackoff × 2^(attempts−1), ±20 % jitter, at most MaxBackoff.</summary>
    internal TimeSpan Backoff(int attempts)
    {
        var exponential = settings.BaseBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var jittered = exponential * (0.8 + 0.4 * Random.Shared.NextDouble());
        return TimeSpan.FromMilliseconds(Math.Min(jittered, settings.MaxBackoff.TotalMilliseconds));
    }

    private static string Shorten(string error) => error.Length <= 1000 ? error : error[..999] + "…";

    /// <summary>Counts for <c>/health</c>, with the age of the oldest pending message measured now.</summary>
    public static Task<OutboxHealth> HealthAsync(ReleaseBotDb db, CancellationToken cancellationToken) =>
        HealthAsync(db, TimeProvider.System, cancellationToken);

    public static async Task<OutboxHealth> HealthAsync(ReleaseBotDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var pending = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Pending, cancellationToken);
        var retrying = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Pending && m.Attempts > 0, cancellationToken);
        var failed = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Failed, cancellationToken);
        var waiting = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Waiting, cancellationToken);
        // Ids grow with time, so the lowest pending Id is the oldest (SQLite cannot take Min of a DateTimeOffset).
        var oldest = await db.Outbox.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.Id)
            .Select(m => (DateTimeOffset?)m.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var age = oldest is { } created ? time.GetUtcNow() - created : (TimeSpan?)null;
        return new OutboxHealth(pending, retrying, failed, age < TimeSpan.Zero ? TimeSpan.Zero : age, waiting);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} to {Target}: throttled by Teams, again in {Wait}")]
    private partial void LogThrottled(long messageId, string target, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} to {Target}: attempt {Attempts} failed, next in {Wait}: {Error}")]
    private partial void LogRetrying(long messageId, string target, int attempts, TimeSpan wait, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} to {Target} parked as failed after {Attempts} attempt(s): {Error}")]
    private partial void LogParked(Exception exception, long messageId, string target, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId}: target {Target} is gone; {Others} other pending message(s) to it failed too: {Error}")]
    private partial void LogGone(long messageId, string target, int others, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not forget the gone target {Target}")]
    private partial void LogForgetFailed(Exception exception, string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} to {Target} waits until the person can be reached: {Error}")]
    private partial void LogWaiting(long messageId, string target, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} to {Target} expired: the person could not be reached within {WaitedUpTo}")]
    private partial void LogExpired(long messageId, string target, TimeSpan waitedUpTo);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox look-up failed ({FailedLooks} in a row)")]
    private partial void LogLookFailed(Exception exception, int failedLooks);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox delivery to {Target} failed ({Failures} in a row)")]
    private partial void LogServiceFailed(Exception exception, string target, int failures);
}
