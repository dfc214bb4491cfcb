using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReleaseBot.Notifications;
using ReleaseBot.Tests.Persistence;

namespace ReleaseBot.Tests.Notifications;

/// <summary>
/// The outbox sender over a real SQLite file, on fake time: each round is driven with
/// <see cref="OutboxSender.RunOnceAsync"/>, and time only moves when a test advances the clock.
/// </summary>
public class OutboxSenderTests : IAsyncLifetime
{
    private const string Alpha = "user:aad-alpha"; // personal chats: one request to Teams per message
    private const string Beta = "user:aad-beta";
    private const string Gamma = "user:aad-gamma";
    private const string Delta = "user:aad-delta";

    private TestDatabase database = null!;
    private int releaseId;
    private int revision;
    private readonly List<ServiceProvider> providers = [];

    private FakeTimeProvider Clock => database.Clock;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(seed: true);
        var release = await database.ReleaseAsync("REL-1001");
        releaseId = release.Id;
        revision = release.Revision;
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in providers) await provider.DisposeAsync();
        await database.DisposeAsync();
    }

    /// <summary>Records what it delivered; <see cref="Before"/> runs first and may throw to fail the delivery.</summary>
    private sealed class FakeDelivery(TimeProvider clock) : INotificationDelivery
    {
        public ConcurrentQueue<long> Tried { get; } = new();
        public ConcurrentQueue<(long Id, string Target, DateTimeOffset At)> Delivered { get; } = new();
        public ConcurrentQueue<string> Forgotten { get; } = new();
        public ConcurrentQueue<string?> Owners { get; } = new();
        public ConcurrentQueue<(long Id, DateTimeOffset At)> CardsOnly { get; } = new();
        public Func<OutboxMessage, CancellationToken, Task>? Before { get; set; }
        /// <summary>As <see cref="Before"/>, told how many requests this delivery makes.</summary>
        public Func<OutboxMessage, int, CancellationToken, Task>? BeforeRequests { get; set; }

        /// <summary>As Teams is asked: a channel notification is its card, then its reply; with one request allowed, only the card goes.</summary>
        public async Task<bool> DeliverAsync(OutboxMessage message, int requests, CancellationToken cancellationToken)
        {
            var needs = NotificationTarget.IsChannel(message.Target) && !message.CardPosted ? 2 : 1;
            Tried.Enqueue(message.Id);
            Owners.Enqueue(message.LeaseOwner);
            if (Before is not null) await Before(message, cancellationToken);
            if (BeforeRequests is not null) await BeforeRequests(message, Math.Min(requests, needs), cancellationToken);
            if (requests < needs)
            {
                CardsOnly.Enqueue((message.Id, clock.GetUtcNow()));
                return false;
            }
            Delivered.Enqueue((message.Id, message.Target, clock.GetUtcNow()));
            return true;
        }

        public Task ForgetTargetAsync(string target, CancellationToken cancellationToken)
        {
            Forgotten.Enqueue(target);
            return Task.CompletedTask;
        }

        public IReadOnlyList<long> DeliveredTo(string target) => Delivered.Where(d => d.Target == target).Select(d => d.Id).ToList();
    }

    private sealed class ListLogger : ILogger<OutboxSender>
    {
        public ConcurrentQueue<(LogLevel Level, string Text)> Lines { get; } = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue((logLevel, formatter(state, exception)));
    }

    private OutboxSender NewSender(FakeDelivery delivery, OutboxSenderOptions? options = null, ListLogger? logger = null,
        IInterceptor? interceptor = null)
    {
        var services = new ServiceCollection();
        services.AddScoped(_ => interceptor is null ? database.NewDb() : database.NewDb(interceptor));
        services.AddSingleton<INotificationDelivery>(delivery);
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        return new OutboxSender(provider.GetRequiredService<IServiceScopeFactory>(), Clock, logger ?? new ListLogger(),
            Options.Create(options ?? new OutboxSenderOptions()));
    }

    /// <summary>One pending message per target given, in that order; returns their ids.</summary>
    private async Task<long[]> AddAsync(params string[] targets)
    {
        await using var db = database.NewDb();
        var now = Clock.GetUtcNow();
        var messages = targets.Select(target => new OutboxMessage
        {
            Target = target,
            ReleaseId = releaseId,
            Revision = revision,
            Event = NotificationEvent.FlowAdvanced,
            CreatedAt = now,
            NextAttemptAt = now,
            Status = OutboxStatus.Pending,
        }).ToList();
        // One at a time, so that the ids follow the order given.
        foreach (var message in messages)
        {
            db.Outbox.Add(message);
            await db.SaveChangesAsync();
        }
        return messages.Select(m => m.Id).ToArray();
    }

    private async Task<OutboxMessage> RowAsync(long id)
    {
        await using var db = database.NewDb();
        return await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var db = database.NewDb();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    private static Task Fail(FailureKind kind, string error, TimeSpan? retryAfter = null) =>
        Task.FromException(new DeliveryException(kind, error, retryAfter));

    [Fact]
    public async Task Each_target_gets_its_messages_in_id_order_and_a_retry_holds_back_only_its_own_target()
    {
        var ids = await AddAsync(Alpha, Beta, Alpha, Gamma, Beta, Alpha, Gamma);
        var (alpha1, alpha2, alpha3) = (ids[0], ids[2], ids[5]);
        var delivery = new FakeDelivery(Clock);
        var failedOnce = false;
        delivery.Before = (m, _) =>
        {
            if (m.Id != alpha1 || failedOnce) return Task.CompletedTask;
            failedOnce = true;
            return Fail(FailureKind.Transient, "503 Service Unavailable");
        };
        var sender = NewSender(delivery);

        Assert.Equal(4, await sender.RunOnceAsync(CancellationToken.None));
        Assert.Empty(delivery.DeliveredTo(Alpha));
        Assert.Equal([ids[1], ids[4]], delivery.DeliveredTo(Beta));
        Assert.Equal([ids[3], ids[6]], delivery.DeliveredTo(Gamma));
        var waiting = await RowAsync(alpha1);
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Null(waiting.LeasedUntil);
        Assert.Equal(OutboxStatus.Pending, (await RowAsync(alpha2)).Status);

        Clock.SetUtcNow(waiting.NextAttemptAt);
        Assert.Equal(3, await sender.RunOnceAsync(CancellationToken.None));
        Assert.Equal([alpha1, alpha2, alpha3], delivery.DeliveredTo(Alpha));
        Assert.All(await RowsAsync(), m =>
        {
            Assert.Equal(OutboxStatus.Sent, m.Status);
            Assert.NotNull(m.SentAt);
            Assert.Null(m.LeasedUntil);
            Assert.Null(m.LeaseOwner);
        });
        Assert.Equal(0, await sender.RunOnceAsync(CancellationToken.None));
        Assert.Equal(ids.Length, delivery.Delivered.Count);
    }

    [Fact]
    public async Task A_429_with_Retry_After_10_s_is_retried_not_before_10_s_and_then_delivered()
    {
        var ids = await AddAsync(Alpha, Alpha);
        var (id, next) = (ids[0], ids[1]);
        var delivery = new FakeDelivery(Clock);
        var throttled = false;
        delivery.Before = (m, _) =>
        {
            if (throttled) return Task.CompletedTask;
            throttled = true;
            return Fail(FailureKind.Transient, "429 Too Many Requests", TimeSpan.FromSeconds(10));
        };
        var sender = NewSender(delivery);
        var start = Clock.GetUtcNow();

        Assert.Equal(0, await sender.RunOnceAsync(CancellationToken.None));
        var row = await RowAsync(id);
        Assert.Equal(start + TimeSpan.FromSeconds(10), row.NextAttemptAt);
        Assert.Contains("429", row.LastError);

        foreach (var step in new[] { 1, 5, 9.999 })
        {
            Clock.SetUtcNow(start + TimeSpan.FromSeconds(step));
            Assert.Equal(0, await sender.RunOnceAsync(CancellationToken.None));
        }
        Assert.Single(delivery.Tried);

        Clock.SetUtcNow(start + TimeSpan.FromSeconds(10));
        Assert.Equal(2, await sender.RunOnceAsync(CancellationToken.None));
        Assert.Equal([id, next], delivery.DeliveredTo(Alpha));
        var sent = await RowAsync(id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(1, sent.Attempts);
        Assert.Equal(start + TimeSpan.FromSeconds(10), sent.SentAt);
    }

    [Fact]
    public async Task A_429_is_retried_exactly_when_Teams_says_and_throttles_use_up_no_attempt()
    {
        var id = (await AddAsync(Alpha))[0];
        var delivery = new FakeDelivery(Clock);
        var throttles = 0;
        delivery.Before = (_, _) => ++throttles <= 10
            ? Task.FromException(new DeliveryException(FailureKind.Transient, "429 Too Many Requests", TimeSpan.FromSeconds(1)) { StatusCode = 429 })
            : Task.CompletedTask;
        var sender = NewSender(delivery);

        for (var i = 1; i <= 10; i++)
        {
            var before = Clock.GetUtcNow();
            Assert.Equal(0, await sender.RunOnceAsync(CancellationToken.None));
            var row = await RowAsync(id);
            Assert.Equal(before + TimeSpan.FromSeconds(1), row.NextAttemptAt);
            Assert.Equal(0, row.Attempts);
            Assert.Contains("throttled", row.LastError);
            Clock.Advance(TimeSpan.FromMilliseconds(999));
            Assert.Equal(0, await sender.RunOnceAsync(CancellationToken.None));
            Clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(1, await sender.RunOnceAsync(CancellationToken.None));
        Assert.Equal(OutboxStatus.Sent, (await RowAsync(id)).Status);
    }

    [Fact]
    public async Task Backoff_doubles_from_2_s_with_20_percent_jitter_and_is_capped_at_5_minutes()
    {
        var id = (await AddAsync(Alpha))[0];
        var delivery = new FakeDelivery(Clock) { Before = (_, _) => Fail(FailureKind.Transient, "502 Bad Gateway") };
        var sender = NewSender(delivery, new OutboxSenderOptions { MaxAttempts = 12 });
        var max = TimeSpan.FromMinutes(5);

        for (var attempt = 1; attempt < 12; attempt++)
        {
            await sender.RunOnceAsync(CancellationToken.None);
            var row = await RowAsync(id);
            Assert.Equal(attempt, row.Attempts);
            Assert.Equal(OutboxStatus.Pending, row.Status);
            var wait = row.NextAttemptAt - Clock.GetUtcNow();
            var nominal = TimeSpan.FromSeconds(2 * Math.Pow(2, attempt - 1));
            Assert.InRange(wait, Min(nominal * 0.8, max), Min(nominal * 1.2, max));
            if (attempt >= 9) Assert.Equal(max, wait);   // 2 s × 2^8 × 0.8 is already over 5 min

            // Not taken a moment before its time...
            Clock.SetUtcNow(row.NextAttemptAt - TimeSpan.FromMilliseconds(1));
            await sender.RunOnceAsync(CancellationToken.None);
            Assert.Equal(attempt, delivery.Tried.Count);
            Clock.SetUtcNow(row.NextAttemptAt);          // ...taken at it.
        }
        await sender.RunOnceAsync(CancellationToken.None);
        Assert.Equal(12, delivery.Tried.Count);
        Assert.Equal(OutboxStatus.Failed, (await RowAsync(id)).Status);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [Fact]
    public async Task After_the_last_attempt_the_message_is_parked_kept_and_logged_and_no_longer_holds_back_its_target()
    {
        var ids = await AddAsync(Alpha, Alpha, Beta);
        var (stuck, after, beta) = (ids[0], ids[1], ids[2]);
        var delivery = new FakeDelivery(Clock)
        {
            Before = (m, _) => m.Id == stuck ? Fail(FailureKind.Transient, "500 Internal Server Error") : Task.CompletedTask,
        };
        var logger = new ListLogger();
        var sender = NewSender(delivery, logger: logger);

        await sender.RunOnceAsync(CancellationToken.None);
        Assert.Equal([beta], delivery.Delivered.Select(d => d.Id));
        for (var round = 0; round < 20 && (await RowAsync(stuck)).Status == OutboxStatus.Pending; round++)
        {
            Assert.Empty(delivery.DeliveredTo(Alpha));
            Clock.SetUtcNow((await RowAsync(stuck)).NextAttemptAt);
            await sender.RunOnceAsync(CancellationToken.None);
        }

        var parked = await RowAsync(stuck);
        Assert.Equal(OutboxStatus.Failed, parked.Status);
        Assert.Equal(8, parked.Attempts);
        Assert.Equal(8, delivery.Tried.Count(t => t == stuck));
        Assert.Equal("transient: 500 Internal Server Error", parked.LastError);
        Assert.Null(parked.SentAt);
        Assert.Null(parked.LeasedUntil);
        Assert.Equal([after], delivery.DeliveredTo(Alpha));
        Assert.Equal(OutboxStatus.Sent, (await RowAsync(after)).Status);
        var error = Assert.Single(logger.Lines, l => l.Level == LogLevel.Error);
        Assert.Contains(stuck.ToString(), error.Text);
        Assert.Contains(Alpha, error.Text);
        Assert.Contains("500 Internal Server Error", error.Text);

        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await sender.RunOnceAsync(CancellationToken.None));
        Assert.Equal(3, (await RowsAsync()).Count);
    }

    [Fact]
    public async Task Gone_fails_every_pending_message_of_the_target_and_forgets_it_once_while_others_go_on()
    {
        var ids = await AddAsync(Alpha, Beta, Alpha, Alpha, Beta);
        var delivery = new FakeDelivery(Clock)
        {
            Before = (m, _) => m.Target == Alpha ? Fail(FailureKind.Gone, "403 Forbidden: the bot is not part of the conversation roster") : Task.CompletedTask,
        };
        var sender = NewSender(delivery);

        Assert.Equal(2, await sender.RunOnceAsync(CancellationToken.None));
        Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await sender.RunOnceAsync(CancellationToken.None));

        Assert.Equal([ids[0]], delivery.Tried.Where(t => t != ids[1] && t != ids[4]));
        Assert.Equal([Alpha], delivery.Forgotten);
        Assert.Equal([ids[1], ids[4]], delivery.DeliveredTo(Beta));
        var rows = await RowsAsync();
        Assert.Equal(5, rows.Count);
        Assert.All(rows.Where(m => m.Target == Alpha), m =>
        {
            Assert.Equal(OutboxStatus.Failed, m.Status);
            Assert.StartsWith("gone: 403 Forbidden", m.LastError);
            Assert.Null(m.LeasedUntil);
        });
        Assert.Equal(1, rows.Single(m => m.Id == ids[0]).Attempts);
        Assert.Equal(0, rows.Single(m => m.Id == ids[2]).Attempts);
    }

    [Fact]
    public async Task A_permanent_failure_parks_the_message_at_once_and_the_next_one_goes()
    {
        var ids = await AddAsync(Alpha, Alpha);
        var delivery = new FakeDelivery(Clock)
        {
            Before = (m, _) => m.Id == ids[0] ? Fail(FailureKind.Permanent, "400 Bad Request: card refused") : Task.CompletedTask,
        };
        var logger = new ListLogger();
        var sender = NewSender(delivery, logger: logger);

        Assert.Equal(1, await sender.RunOnceAsync(CancellationToken.None));

        var refused = await RowAsync(ids[0]);
        Assert.Equal(OutboxStatus.Failed, refused.Status);
        Assert.Equal(1, refused.Attempts);
        Assert.Equal("permanent: 400 Bad Request: card refused", refused.LastError);
        Assert.Equal([ids[1]], delivery.DeliveredTo(Alpha));
        Assert.Empty(delivery.Forgotten);
        Assert.Contains(logger.Lines, l => l.Level == LogLevel.Error && l.Text.Contains(ids[0].ToString()) && l.Text.Contains("card refused"));
    }

    public static TheoryData<string> TransientErrors => ["http", "timeout", "task-cancelled", "unclassified"];

    [Theory]
    [MemberData(nameof(TransientErrors))]
    public async Task Network_errors_timeouts_and_unclassified_errors_are_retried_later(string kind)
    {
        var id = (await AddAsync(Alpha))[0];
        Exception error = kind switch
        {
            "http" => new HttpRequestException("Connection refused"),
            "timeout" => new TimeoutException("The operation timed out"),
            "task-cancelled" => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"),
            _ => new InvalidOperationException("Something the delivery did not classify"),
        };
        var delivery = new FakeDelivery(Clock) { Before = (_, _) => Task.FromException(error) };
        var sender = NewSender(delivery);

        Assert.Equal(0, await sender.RunOnceAsync(CancellationToken.None));

        var row = await RowAsync(id);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.True(row.NextAttemptAt > Clock.GetUtcNow());
        Assert.StartsWith("transient: ", row.LastError);
    }

    [Fact]
    public async Task A_delivery_that_hangs_is_abandoned_after_the_delivery_timeout_and_retried()
    {
        var id = (await AddAsync(Alpha))[0];
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var delivery = new FakeDelivery(Clock)
        {
            Before = async (_, ct) =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            },
        };
        var sender = NewSender(delivery);

        var round = sender.RunOnceAsync(CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await round.WaitAsync(TimeSpan.FromSeconds(10)));

        var row = await RowAsync(id);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal("transient: timed out", row.LastError);
        Assert.Null(row.LeasedUntil);
    }

    [Fact]
    public async Task A_message_held_by_another_senders_lease_is_not_taken_until_the_lease_expires()
    {
        var ids = await AddAsync(Alpha, Alpha);
        await using (var db = database.NewDb())
        {
            await db.Outbox.Where(m => m.Id == ids[0]).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeasedUntil, Clock.GetUtcNow() + TimeSpan.FromSeconds(60))
                .SetProperty(m => m.LeaseOwner, "crashed-instance"));
        }
        var delivery = new FakeDelivery(Clock);
        var sender = NewSender(delivery);

        Assert.Equal(0, await sender.RunOnceAsync(CancellationToken.None));
        Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await sender.RunOnceAsync(CancellationToken.None));
        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await sender.RunOnceAsync(CancellationToken.None));
        Assert.Equal(ids, delivery.DeliveredTo(Alpha));
    }

    /// <summary>
    /// Makes two senders compete for the same head message: a sender about to take a message waits
    /// until the other one is about to take one too (so both read the same head), then the second to
    /// arrive takes first, and the first takes while the second still waits, before the second can
    /// deliver and record. The takes run one after the other, so SQLite never has to make one wait.
    /// When one sender's round ends, the other goes on alone.
    /// </summary>
    private sealed class TakeTurns
    {
        private sealed class Pairing
        {
            public TaskCompletionSource Go { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
            public TaskCompletionSource Taken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        private readonly Lock gate = new();
        private bool alone;
        private Pairing? waiting;
        private readonly List<Pairing> open = [];
        private int pairings;

        /// <summary>How many times the two senders took in turns (so that the test knows they competed).</summary>
        public int Pairings => Volatile.Read(ref pairings);

        public void NewRound()
        {
            lock (gate)
            {
                alone = false;
                waiting = null;
                open.Clear();
            }
        }

        public void Leave()
        {
            lock (gate)
            {
                alone = true;
                foreach (var pairing in open)
                {
                    pairing.Go.TrySetResult();
                    pairing.Taken.TrySetResult();
                }
            }
        }

        public DbCommandInterceptor NewSenderSide() => new Side(this);

        private sealed class Side(TakeTurns turns) : DbCommandInterceptor
        {
            private Pairing? pairing;
            private bool first;

            /// <summary>The sender's take: the only update that sets a lease (the others clear it).</summary>
            private static bool IsTake(DbCommand command) =>
                command.CommandText.StartsWith("UPDATE \"Outbox\"", StringComparison.Ordinal)
                && command.CommandText.Contains("SET \"LeasedUntil\" = @", StringComparison.Ordinal);

            public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
                InterceptionResult<int> result, CancellationToken cancellationToken = default)
            {
                if (!IsTake(command)) return result;
                Task go;
                lock (turns.gate)
                {
                    if (turns.alone)
                    {
                        pairing = null;
                        return result;
                    }
                    if (turns.waiting is null)
                    {
                        pairing = turns.waiting = new Pairing();
                        turns.open.Add(pairing);
                        first = true;
                        go = pairing.Go.Task;
                    }
                    else
                    {
                        pairing = turns.waiting;
                        turns.waiting = null;
                        first = false;
                        turns.pairings++;
                        go = Task.CompletedTask;
                    }
                }
                await go;
                return result;
            }

            public override async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
                CancellationToken cancellationToken = default)
            {
                if (IsTake(command)) await TakenAsync();
                return result;
            }

            public override async Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
            {
                if (IsTake(command)) await TakenAsync();
            }

            private async Task TakenAsync()
            {
                if (pairing is not { } current) return;
                pairing = null;
                if (first)
                {
                    current.Taken.TrySetResult();
                    return;
                }
                current.Go.TrySetResult();
                await current.Taken.Task;
            }
        }
    }

    [Fact]
    public async Task Two_senders_racing_over_the_same_database_deliver_every_message_exactly_once_and_in_order()
    {
        string[] targets = [Alpha, Beta, Gamma, Delta];
        var turns = new TakeTurns();
        var delivery = new FakeDelivery(Clock);
        // One target at a time in each sender: the harness alternates the two senders' database commands.
        var first = NewSender(delivery, new OutboxSenderOptions { InstanceId = "sender-one", TargetsAtOnce = 1 }, interceptor: turns.NewSenderSide());
        var second = NewSender(delivery, new OutboxSenderOptions { InstanceId = "sender-two", TargetsAtOnce = 1 }, interceptor: turns.NewSenderSide());
        var all = new List<long>();
        var reported = 0;

        async Task<int> RoundAsync(OutboxSender sender)
        {
            try { return await sender.RunOnceAsync(CancellationToken.None); }
            finally { turns.Leave(); }
        }

        for (var batch = 0; batch < 3; batch++)
        {
            all.AddRange(await AddAsync(Enumerable.Range(0, 24).Select(i => targets[(i * 7 + batch) % targets.Length]).ToArray()));
            for (var round = 0; round < 100 && delivery.Delivered.Count < all.Count; round++)
            {
                turns.NewRound();
                var results = await Task.WhenAll(Task.Run(() => RoundAsync(first)), Task.Run(() => RoundAsync(second)));
                reported += results.Sum();
                Clock.Advance(TimeSpan.FromSeconds(2));
            }
        }

        Assert.Equal(all.Order(), delivery.Delivered.Select(d => d.Id).Order());
        Assert.Equal(all.Count, delivery.Tried.Count);
        Assert.Equal(all.Count, reported);
        // A sender leaves a target that the other holds until that lease ends, so they meet less than once per message pair.
        Assert.True(turns.Pairings >= all.Count / 3, $"the senders competed for the same messages ({turns.Pairings} times)");
        Assert.Equal(["sender-one", "sender-two"], delivery.Owners.Distinct().Order());
        foreach (var target in targets)
        {
            var order = delivery.DeliveredTo(target);
            Assert.Equal(order.Order(), order);
        }
        Assert.All(await RowsAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task A_stop_right_after_a_successful_send_records_it_and_a_fresh_sender_delivers_the_rest_each_once()
    {
        var ids = await AddAsync(Alpha, Alpha, Alpha, Alpha, Alpha);
        using var stopping = new CancellationTokenSource();
        var delivery = new FakeDelivery(Clock)
        {
            Before = (m, _) =>
            {
                if (m.Id == ids[1]) stopping.Cancel();
                return Task.CompletedTask;           // the send itself succeeded
            },
        };
        var sender = NewSender(delivery);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.RunOnceAsync(stopping.Token));

        var rows = await RowsAsync();
        Assert.Equal(OutboxStatus.Sent, rows[0].Status);
        Assert.Equal(OutboxStatus.Sent, rows[1].Status);
        Assert.All(rows.Skip(2), m =>
        {
            Assert.Equal(OutboxStatus.Pending, m.Status);
            Assert.Equal(0, m.Attempts);
            Assert.Null(m.LeasedUntil);
        });

        var fresh = NewSender(delivery);
        Assert.Equal(3, await fresh.RunOnceAsync(CancellationToken.None));
        Assert.Equal(ids, delivery.DeliveredTo(Alpha));
        Assert.Equal(ids, delivery.Tried);
        Assert.All(await RowsAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task A_stop_during_a_send_lets_it_finish_and_records_it_then_takes_no_more()
    {
        var ids = await AddAsync(Alpha, Alpha);
        using var stopping = new CancellationTokenSource();
        var delivery = new FakeDelivery(Clock)
        {
            Before = async (_, ct) =>
            {
                stopping.Cancel();
                await Task.Delay(50, ct); // the send goes on after the stop
            },
        };
        var sender = NewSender(delivery);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.RunOnceAsync(stopping.Token));

        Assert.Equal([ids[0]], delivery.DeliveredTo(Alpha));
        Assert.Equal(OutboxStatus.Sent, (await RowAsync(ids[0])).Status);
        Assert.Equal(OutboxStatus.Pending, (await RowAsync(ids[1])).Status);
    }

    [Fact]
    public async Task An_aborted_send_counts_no_attempt_and_lets_go_of_the_message_at_once()
    {
        var id = (await AddAsync(Alpha))[0];
        using var stopping = new CancellationTokenSource();
        var delivery = new FakeDelivery(Clock)
        {
            Before = (_, ct) =>
            {
                stopping.Cancel();
                ct.ThrowIfCancellationRequested();
                return Task.CompletedTask;
            },
        };
        var sender = NewSender(delivery);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.RunOnceAsync(stopping.Token, stopping.Token));

        var row = await RowAsync(id);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(0, row.Attempts);
        Assert.Null(row.LeasedUntil);
        Assert.Null(row.LeaseOwner);
        Assert.Null(row.LastError);

        delivery.Before = null;
        Assert.Equal(1, await NewSender(delivery).RunOnceAsync(CancellationToken.None));
        Assert.Equal([id], delivery.DeliveredTo(Alpha));
    }

    [Fact]
    public async Task Seven_sends_then_the_target_waits_for_room_in_its_one_second_window_while_another_target_goes_on()
    {
        await AddAsync(Enumerable.Repeat(Alpha, 10).Append(Beta).ToArray());
        var delivery = new FakeDelivery(Clock);
        var sender = NewSender(delivery, new OutboxSenderOptions
        {
            SendsPerTwoSecondsPerTarget = 0, SendsPerThirtySecondsPerTarget = 0, SendsPerHourPerTarget = 0,
        });

        Assert.Equal(8, await sender.RunOnceAsync(CancellationToken.None));
        Assert.Equal(7, delivery.DeliveredTo(Alpha).Count);
        Assert.Single(delivery.DeliveredTo(Beta));
        Assert.Equal(Clock.GetUtcNow().AddSeconds(1), sender.NextDue); // the next round need not wait for the poll interval

        Clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, await sender.RunOnceAsync(CancellationToken.None));
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, await sender.RunOnceAsync(CancellationToken.None));
        Assert.Equal(10, delivery.DeliveredTo(Alpha).Count);
    }

    [Fact]
    public async Task No_target_gets_more_than_Teams_allows_in_any_window_of_fake_time()
    {
        await AddAsync(Enumerable.Range(0, 90).Select(i => i % 3 == 0 ? Beta : Alpha).ToArray());
        var delivery = new FakeDelivery(Clock);
        var sender = NewSender(delivery);

        var start = Clock.GetUtcNow();
        for (var round = 0; round < 1000 && delivery.Delivered.Count < 90; round++)
        {
            await sender.RunOnceAsync(CancellationToken.None);
            Clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        Assert.Equal(90, delivery.Delivered.Count);
        foreach (var target in new[] { Alpha, Beta })
        {
            var times = delivery.Delivered.Where(d => d.Target == target).Select(d => d.At).ToList();
            foreach (var (count, window) in new[] { (7, 1), (8, 2), (60, 30) })
                foreach (var t in times)
                    Assert.True(times.Count(u => u >= t && u - t < TimeSpan.FromSeconds(window)) <= count,
                        $"{target}: more than {count} sends within {window} s from {t:HH:mm:ss.fff}");
        }
        // 60 messages to Alpha: 60 in the first 30 s window is allowed, at 8 per 2 s that takes ~14 s.
        Assert.InRange(delivery.Delivered.Max(d => d.At) - start, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_channel_notifications_card_takes_the_last_request_a_window_allows_and_its_reply_follows_when_the_next_fits()
    {
        var channel = NotificationTarget.Channel("19:desk@thread.tacv2");
        var ids = await AddAsync(channel, channel, channel, channel);
        var delivery = new FakeDelivery(Clock);
        var sender = NewSender(delivery);
        var start = Clock.GetUtcNow();

        await sender.RunOnceAsync(CancellationToken.None);

        // Three notifications are six requests; Teams allows seven a second: the fourth's card takes the seventh.
        Assert.Equal(ids[..3], delivery.DeliveredTo(channel));
        Assert.Equal([(ids[3], start)], delivery.CardsOnly);
        var fourth = await RowAsync(ids[3]);
        Assert.True(fourth.CardPosted);
        Assert.Equal(OutboxStatus.Pending, fourth.Status);
        Assert.Null(fourth.LeaseOwner);
        Assert.Equal(start.AddSeconds(1), sender.NextDue);

        Clock.Advance(TimeSpan.FromMilliseconds(999));
        await sender.RunOnceAsync(CancellationToken.None);
        Assert.Equal(3, delivery.Delivered.Count);

        Clock.Advance(TimeSpan.FromMilliseconds(1));
        await sender.RunOnceAsync(CancellationToken.None);
        Assert.Equal(ids, delivery.DeliveredTo(channel));
        Assert.Single(delivery.CardsOnly);
        Assert.All(await RowsAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task A_channel_notifications_two_requests_stay_within_Teams_limits_when_the_second_goes_later()
    {
        var channel = NotificationTarget.Channel("19:desk@thread.tacv2");
        await AddAsync(Enumerable.Repeat(channel, 24).ToArray());
        var requests = new List<DateTimeOffset>();
        var delivery = new FakeDelivery(Clock)
        {
            // The card is posted; Teams answers at once, or now and then after a second; then the reply goes under it.
            BeforeRequests = (_, count, _) =>
            {
                requests.Add(Clock.GetUtcNow());
                Clock.Advance(TimeSpan.FromMilliseconds(requests.Count % 10 == 1 ? 1000 : 50));
                if (count == 2) requests.Add(Clock.GetUtcNow());
                return Task.CompletedTask;
            },
        };
        var sender = NewSender(delivery);

        for (var round = 0; round < 1000 && delivery.Delivered.Count < 24; round++)
        {
            await sender.RunOnceAsync(CancellationToken.None);
            Clock.Advance(TimeSpan.FromMilliseconds(50));
        }

        Assert.Equal(24, delivery.Delivered.Count);
        foreach (var (count, window) in new[] { (7, 1), (8, 2), (60, 30) })
            foreach (var t in requests)
                Assert.True(requests.Count(u => u >= t && u - t < TimeSpan.FromSeconds(window)) <= count,
                    $"more than {count} requests within {window} s from {t:HH:mm:ss.fff}");
    }

    [Fact]
    public async Task Health_counts_pending_retrying_and_parked_messages_and_the_oldest_pending_age()
    {
        Assert.Equal(new OutboxHealth(0, 0, 0, null), await HealthAsync());

        var ids = await AddAsync(Alpha, Alpha, Beta, Gamma, Delta);
        await using (var db = database.NewDb())
        {
            await db.Outbox.Where(m => m.Id == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedAt, Clock.GetUtcNow() - TimeSpan.FromMinutes(5)));
            await db.Outbox.Where(m => m.Id == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, 3));
            await db.Outbox.Where(m => m.Id == ids[2]).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Failed));
            await db.Outbox.Where(m => m.Id == ids[3]).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent));
        }
        Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(new OutboxHealth(3, 1, 1, TimeSpan.FromMinutes(6)), await HealthAsync());

        await using (var db = database.NewDb())
        {
            var health = await OutboxSender.HealthAsync(db, CancellationToken.None);   // on the real clock
            Assert.Equal((3, 1, 1), (health.Pending, health.Retrying, health.Failed));
            Assert.NotNull(health.OldestPendingAge);
        }
    }

    private async Task<OutboxHealth> HealthAsync()
    {
        await using var db = database.NewDb();
        return await OutboxSender.HealthAsync(db, Clock, CancellationToken.None);
    }

    [Fact]
    public async Task As_a_background_service_it_delivers_at_start_and_stops_gracefully()
    {
        var id = (await AddAsync(Alpha))[0];
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var delivery = new FakeDelivery(Clock)
        {
            Before = (_, _) =>
            {
                delivered.TrySetResult();
                return Task.CompletedTask;
            },
        };
        var sender = NewSender(delivery);

        await sender.StartAsync(CancellationToken.None);
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await sender.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(OutboxStatus.Sent, (await RowAsync(id)).Status);
        Assert.Equal([id], delivery.DeliveredTo(Alpha));
    }

    [Fact]
    public void Options_that_would_let_two_senders_hold_one_message_are_refused()
    {
        var delivery = new FakeDelivery(Clock);
        Assert.Throws<ArgumentException>(() => NewSender(delivery, new OutboxSenderOptions { LeaseDuration = TimeSpan.FromSeconds(20) }));
        Assert.Throws<ArgumentException>(() => NewSender(delivery, new OutboxSenderOptions { InstanceId = new string('x', 101) }));
        Assert.InRange(new OutboxSenderOptions().InstanceId.Length, 1, 100);
        Assert.NotEqual(new OutboxSenderOptions().InstanceId, new OutboxSenderOptions().InstanceId);
    }

    [Fact]
    public async Task A_person_who_cannot_be_reached_yet_waits_without_a_fault_and_is_given_up_after_the_configured_time()
    {
        var ids = await AddAsync(Alpha, Alpha, Beta);
        var delivery = new FakeDelivery(Clock)
        {
            Before = (m, _) => m.Target == Alpha ? Fail(FailureKind.Unreachable, "never met") : Task.CompletedTask,
        };
        var logger = new ListLogger();
        var sender = NewSender(delivery, new OutboxSenderOptions { WaitForPersonUpTo = TimeSpan.FromDays(2) }, logger);

        Assert.Equal(1, await sender.RunOnceAsync(CancellationToken.None));
        Assert.Equal([ids[2]], delivery.DeliveredTo(Beta));
        Assert.Equal(OutboxStatus.Waiting, (await RowAsync(ids[0])).Status);
        Assert.Equal(OutboxStatus.Waiting, (await RowAsync(ids[1])).Status); // tried too: waiting holds nothing back
        await using (var db = database.NewDb())
        {
            var health = await OutboxSender.HealthAsync(db, Clock, CancellationToken.None);
            Assert.Equal((0, 0, 2), (health.Pending, health.Failed, health.WaitingForPeople));
        }
        Assert.DoesNotContain(logger.Lines, l => l.Level >= LogLevel.Warning);
        Assert.Equal(0, await sender.RunOnceAsync(CancellationToken.None)); // waiting is not retried by the rounds

        Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(2));
        await sender.RunOnceAsync(CancellationToken.None);
        Assert.All(ids[..2], id => Assert.Equal(OutboxStatus.Expired, RowAsync(id).Result.Status));
        Assert.Contains(logger.Lines, l => l.Level == LogLevel.Information && l.Text.Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slow_conversation_does_not_hold_back_the_others_in_a_round()
    {
        var ids = await AddAsync(Alpha, Beta, Gamma);
        var othersStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var others = 0;
        var delivery = new FakeDelivery(Clock)
        {
            Before = async (m, ct) =>
            {
                // Alpha's send (the oldest) lasts until Beta's and Gamma's have started: one target at a time would time out here.
                if (m.Target == Alpha) await othersStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
                else if (Interlocked.Increment(ref others) == 2) othersStarted.TrySetResult();
            },
        };
        var sender = NewSender(delivery, new OutboxSenderOptions { TargetsAtOnce = 3 });

        Assert.Equal(3, await sender.RunOnceAsync(CancellationToken.None));
        Assert.Equal([ids[0]], delivery.DeliveredTo(Alpha));
        Assert.Equal([ids[1]], delivery.DeliveredTo(Beta));
        Assert.Equal([ids[2]], delivery.DeliveredTo(Gamma));
    }

    /// <summary>Waits, in real time, until the background sender did what the test waits for.</summary>
    private static async Task UntilAsync(Func<bool> done, string what)
    {
        for (var waited = 0; !done(); waited++)
        {
            if (waited > 1000) Assert.Fail($"not within 10 s: {what}");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task A_conversation_whose_window_opens_is_served_then_while_another_conversations_send_still_hangs()
    {
        var alpha = await AddAsync(Enumerable.Repeat(Alpha, 9).ToArray());
        var beta = (await AddAsync(Beta))[0];
        var betaAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var delivery = new FakeDelivery(Clock)
        {
            Before = (m, ct) => m.Target == Beta ? betaAnswers.Task.WaitAsync(ct) : Task.CompletedTask,
        };
        var sender = NewSender(delivery, new OutboxSenderOptions { TargetsAtOnce = 2 });
        await sender.StartAsync(CancellationToken.None);
        try
        {
            await UntilAsync(() => delivery.DeliveredTo(Alpha).Count == 7 && delivery.Tried.Contains(beta) && sender.NextDue is not null,
                "seven to Alpha, Beta's send begun");
            Clock.Advance(TimeSpan.FromSeconds(1)); // Alpha's one-second window has room again; its two-second window for one more

            await UntilAsync(() => delivery.DeliveredTo(Alpha).Count == 8, "Alpha's eighth, while Beta's send hangs");
            Assert.Equal(alpha[..8], delivery.DeliveredTo(Alpha));
            Assert.Empty(delivery.DeliveredTo(Beta));

            betaAnswers.SetResult();
            await UntilAsync(() => delivery.DeliveredTo(Beta).Count == 1, "Beta's message");
            Clock.Advance(TimeSpan.FromSeconds(1));
            await UntilAsync(() => delivery.DeliveredTo(Alpha).Count == 9, "Alpha's ninth");
            Assert.Equal(alpha, delivery.DeliveredTo(Alpha));
        }
        finally
        {
            betaAnswers.TrySetResult();
            await sender.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        Assert.All(await RowsAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task Two_background_senders_throttled_by_Teams_deliver_every_message_once_in_order_and_within_the_windows()
    {
        string[] targets = [Alpha, Beta, Gamma, NotificationTarget.Channel("19:desk@thread.tacv2")];
        var all = await AddAsync(Enumerable.Range(0, 64).Select(i => targets[i % targets.Length]).ToArray());
        var requests = new ConcurrentQueue<(string Target, DateTimeOffset At, int Count)>();
        var calls = 0;
        var delivery = new FakeDelivery(Clock)
        {
            // Every fifth call is throttled: 429, again after a second.
            BeforeRequests = (m, cost, _) =>
            {
                requests.Enqueue((m.Target, Clock.GetUtcNow(), cost));
                return Interlocked.Increment(ref calls) % 5 == 0
                    ? Task.FromException(new DeliveryException(FailureKind.Transient, "429 Too Many Requests", TimeSpan.FromSeconds(1)) { StatusCode = 429, RequestsMade = cost })
                    : Task.CompletedTask;
            },
        };
        var senders = new[] { "sender-one", "sender-two" }.Select(id => NewSender(delivery, new OutboxSenderOptions { InstanceId = id })).ToList();
        foreach (var sender in senders) await sender.StartAsync(CancellationToken.None);
        try
        {
            // Fake time moves 20 ms each 5 ms: slowly enough that no lease of 60 s runs out under a send.
            for (var step = 0; step < 5000 && delivery.Delivered.Count < all.Length; step++)
            {
                Clock.Advance(TimeSpan.FromMilliseconds(20));
                await Task.Delay(5);
            }
            await Task.Delay(200); // a second delivery of any of them would be made by now
        }
        finally
        {
            foreach (var sender in senders) await sender.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(all, delivery.Delivered.Select(d => d.Id).Order());
        Assert.True(calls > all.Length, "some calls were throttled and tried again");
        foreach (var target in targets)
        {
            Assert.Equal(all.Where((_, i) => targets[i % targets.Length] == target), delivery.DeliveredTo(target));
            var sent = requests.Where(r => r.Target == target).ToList();
            foreach (var (count, window) in new[] { (7, 1), (8, 2), (60, 30) })
                foreach (var (_, at, _) in sent)
                    Assert.True(sent.Where(r => r.At >= at && r.At - at < TimeSpan.FromSeconds(window)).Sum(r => r.Count) <= count,
                        $"{target}: more than {count} requests within {window} s from {at:HH:mm:ss.fff}");
        }
        Assert.All(await RowsAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    /// <summary>Holds the first command that <paramref name="picks"/> (by its SQL) until the test lets it go on.</summary>
    private sealed class HoldFirst(Func<string, bool> picks) : DbCommandInterceptor
    {
        private int picked;
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Go { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private async Task HoldAsync(DbCommand command)
        {
            if (!picks(command.CommandText) || Interlocked.Increment(ref picked) != 1) return;
            Reached.TrySetResult();
            await Go.Task;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await HoldAsync(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await HoldAsync(command);
            return result;
        }
    }

    [Fact]
    public async Task A_sender_that_read_a_message_before_another_sent_it_and_was_throttled_does_not_send_it_before_Retry_After()
    {
        var id = (await AddAsync(Alpha))[0];
        var hold = new HoldFirst(sql => sql.Contains("SET \"LeasedUntil\" = @", StringComparison.Ordinal)); // a take
        var calls = 0;
        var delivery = new FakeDelivery(Clock)
        {
            Before = (_, _) => Interlocked.Increment(ref calls) == 1
                ? Task.FromException(new DeliveryException(FailureKind.Transient, "429 Too Many Requests", TimeSpan.FromSeconds(10)) { StatusCode = 429 })
                : Task.CompletedTask,
        };
        var late = NewSender(delivery, new OutboxSenderOptions { InstanceId = "late" }, interceptor: hold);
        var quick = NewSender(delivery, new OutboxSenderOptions { InstanceId = "quick" });

        var lateRound = late.RunOnceAsync(CancellationToken.None);
        await hold.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10)); // the late sender read the message and is about to take it
        Assert.Equal(0, await quick.RunOnceAsync(CancellationToken.None)); // the quick one took it: 429, again after 10 s
        hold.Go.SetResult();
        Assert.Equal(0, await lateRound);
        Assert.Equal([id], delivery.Tried);
        var row = await RowAsync(id);
        Assert.Equal((OutboxStatus.Pending, 0, Clock.GetUtcNow().AddSeconds(10)), (row.Status, row.Attempts, row.NextAttemptAt));

        Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await late.RunOnceAsync(CancellationToken.None));
        Assert.Equal([id], delivery.DeliveredTo(Alpha));
    }

    [Fact]
    public async Task A_sender_that_read_a_notification_before_another_posted_its_card_does_not_post_it_again()
    {
        var channel = NotificationTarget.Channel("19:desk@thread.tacv2");
        var id = (await AddAsync(channel))[0];
        var start = Clock.GetUtcNow();
        await using (var db = database.NewDb())
        {
            // Two of the three requests a second are used: the card fits now, its reply a second later.
            db.Set<TargetSend>().Add(new TargetSend { Target = channel, AtUnixMs = start.ToUnixTimeMilliseconds(), Requests = 2 });
            await db.SaveChangesAsync();
        }
        OutboxSenderOptions ThreeASecond(string name) => new()
        {
            InstanceId = name, SendsPerSecondPerTarget = 3, SendsPerTwoSecondsPerTarget = 0, SendsPerThirtySecondsPerTarget = 0, SendsPerHourPerTarget = 0,
        };
        var hold = new HoldFirst(sql => sql.Contains("SET \"LeasedUntil\" = @", StringComparison.Ordinal)); // a take
        var delivery = new FakeDelivery(Clock);
        var late = NewSender(delivery, ThreeASecond("late"), interceptor: hold);
        var quick = NewSender(delivery, ThreeASecond("quick"));

        var lateRound = late.RunOnceAsync(CancellationToken.None);
        await hold.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10)); // the late sender read the message and its windows
        Assert.Equal(0, await quick.RunOnceAsync(CancellationToken.None)); // the quick one posted the card and let it go
        hold.Go.SetResult();
        Assert.Equal(0, await lateRound);
        Assert.Equal([(id, start)], delivery.CardsOnly);

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await late.RunOnceAsync(CancellationToken.None));
        Assert.Equal([id], delivery.DeliveredTo(channel));
        Assert.Single(delivery.CardsOnly);
    }

    [Fact]
    public async Task A_message_is_counted_in_its_windows_before_another_sender_may_send_the_next_one()
    {
        var ids = await AddAsync(Alpha, Alpha);
        OutboxSenderOptions OnePerSecond(string id) => new()
        {
            InstanceId = id, SendsPerSecondPerTarget = 1, SendsPerTwoSecondsPerTarget = 0, SendsPerThirtySecondsPerTarget = 0, SendsPerHourPerTarget = 0,
        };
        var hold = new HoldFirst(sql => sql.Contains("INSERT INTO \"TargetSends\"", StringComparison.Ordinal)); // a count in the windows
        var delivery = new FakeDelivery(Clock);
        var first = NewSender(delivery, OnePerSecond("first"), interceptor: hold);
        var second = NewSender(delivery, OnePerSecond("second"));

        var firstRound = first.RunOnceAsync(CancellationToken.None);
        await hold.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10)); // the first message went; its request is about to be counted
        Assert.Equal(0, await second.RunOnceAsync(CancellationToken.None));
        hold.Go.SetResult();
        Assert.Equal(1, await firstRound); // one a second: the next waits
        Assert.Equal([ids[0]], delivery.DeliveredTo(Alpha));

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await first.RunOnceAsync(CancellationToken.None));
        Assert.Equal(ids, delivery.DeliveredTo(Alpha));
        Assert.Equal(TimeSpan.FromSeconds(1), delivery.Delivered.Last().At - delivery.Delivered.First().At);
    }

    [Fact]
    public async Task When_many_conversations_may_go_at_once_each_gets_its_first_message_before_any_gets_its_second()
    {
        var ids = await AddAsync(Alpha, Beta, Gamma, Alpha, Beta, Gamma, Alpha, Beta, Gamma);
        var delivery = new FakeDelivery(Clock);
        var sender = NewSender(delivery, new OutboxSenderOptions { TargetsAtOnce = 1 });
        await sender.StartAsync(CancellationToken.None);
        try
        {
            await UntilAsync(() => delivery.Delivered.Count == ids.Length, "every message");
        }
        finally
        {
            await sender.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        Assert.Equal(ids, delivery.Delivered.Select(d => d.Id));
    }
}
