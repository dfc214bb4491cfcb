using Microsoft.Extensions.Time.Testing;
using ReleaseBot.Notifications;

namespace ReleaseBot.Tests.Notifications;

/// <summary>The sender's queue of targets: the soonest first, each in service once at most, a worker waking when one is due.</summary>
public sealed class TargetScheduleTests
{
    private const string Alpha = "user:aad-alpha";
    private const string Beta = "user:aad-beta";
    private const string Gamma = "channel:19:gamma@thread.tacv2";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Targets_due_together_are_served_oldest_message_first_and_those_waiting_when_they_may_go()
    {
        var schedule = new TargetSchedule(clock);

        Assert.Equal([Beta, Gamma, Alpha], schedule.TakeDue([(Alpha, 30), (Beta, 10), (Gamma, 20)]));

        var now = clock.GetUtcNow();
        schedule.Served(Alpha, now.AddSeconds(2), 31);
        schedule.Served(Beta, now.AddSeconds(1), 11);
        schedule.Served(Gamma, null, 0); // nothing left
        Assert.Equal(now.AddSeconds(1), schedule.Earliest);
        Assert.Empty(schedule.TakeDue([]));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([Beta], schedule.TakeDue([]));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([Alpha], schedule.TakeDue([]));
        Assert.Null(schedule.Earliest);
    }

    [Fact]
    public void A_target_in_service_or_waiting_is_not_queued_again_by_a_look_at_the_database()
    {
        var schedule = new TargetSchedule(clock);
        Assert.Equal([Alpha], schedule.TakeDue([(Alpha, 1)]));

        // In service: a look finds its messages, but no one else may take it.
        schedule.Found([(Alpha, 1)]);
        Assert.Empty(schedule.TakeDue([(Alpha, 1)]));
        Assert.Null(schedule.Earliest);

        // Waiting for its window: a look does not make it due now.
        schedule.Served(Alpha, clock.GetUtcNow().AddSeconds(1), 2);
        schedule.Found([(Alpha, 2)]);
        Assert.Empty(schedule.TakeDue([(Alpha, 2)]));

        // Forgotten (another sender had it): the next look finds it again.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([Alpha], schedule.TakeDue([]));
        schedule.Served(Alpha, null, 0);
        schedule.Served(Alpha, clock.GetUtcNow(), 2); // served twice: the second end changes nothing
        Assert.Null(schedule.Earliest);
        Assert.Equal([Alpha], schedule.TakeDue([(Alpha, 2)]));
    }

    [Fact]
    public async Task A_worker_waits_until_the_soonest_target_is_due_and_wakes_at_once_for_one_found_meanwhile()
    {
        var schedule = new TargetSchedule(clock);
        Assert.Equal([Alpha], schedule.TakeDue([(Alpha, 1)]));
        schedule.Served(Alpha, clock.GetUtcNow().AddSeconds(1), 2);

        var next = schedule.TakeNextAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(Alpha, await next.WaitAsync(TimeSpan.FromSeconds(10)));

        var another = schedule.TakeNextAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(another.IsCompleted); // nothing is queued: Alpha is in service
        schedule.Found([(Alpha, 2), (Beta, 3)]);
        Assert.Equal(Beta, await another.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_waiting_worker_stops_when_the_sender_stops()
    {
        var schedule = new TargetSchedule(clock);
        using var stopping = new CancellationTokenSource();
        var next = schedule.TakeNextAsync(stopping.Token);
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
