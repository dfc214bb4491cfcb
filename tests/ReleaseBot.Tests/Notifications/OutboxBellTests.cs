using Microsoft.Extensions.Time.Testing;
using ReleaseBot.Notifications;

namespace ReleaseBot.Tests.Notifications;

/// <summary>The sender's wait between looks at the database: cut short by a write of this process, never missing one.</summary>
public sealed class OutboxBellTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Without_a_ring_the_wait_lasts_the_pause()
    {
        var bell = new OutboxBell();
        var wait = bell.WaitAsync(TimeSpan.FromSeconds(1), clock, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_ring_ends_the_wait_at_once_and_one_rung_before_the_wait_is_not_missed_but_heard_once()
    {
        var bell = new OutboxBell();
        var wait = bell.WaitAsync(TimeSpan.FromHours(1), clock, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);
        bell.Ring();
        await wait.WaitAsync(TimeSpan.FromSeconds(10));

        // Rung while the sender was looking: the next wait returns at once, the one after waits again.
        bell.Ring();
        bell.Ring();
        await bell.WaitAsync(TimeSpan.FromHours(1), clock, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var next = bell.WaitAsync(TimeSpan.FromHours(1), clock, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
        bell.Ring();
        await next.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_stop_ends_the_wait()
    {
        using var stopping = new CancellationTokenSource();
        var wait = new OutboxBell().WaitAsync(TimeSpan.FromHours(1), clock, stopping.Token);
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
