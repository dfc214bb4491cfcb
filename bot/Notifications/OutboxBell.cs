namespace ReleaseBot.Notifications;

/// <summary>
/// Rung when this process has written outbox messages (see <see cref="OutboxWrites"/>): the sender looks at
/// the database then, not at its next poll. Messages written by other instances are found by the poll.
/// </summary>
public sealed class OutboxBell
{
    private TaskCompletionSource rung = NewRing();

    private static TaskCompletionSource NewRing() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Ring() => Volatile.Read(ref rung).TrySetResult();

    /// <summary>Returns when the bell was rung since the last wait returned, or after <paramref name="pause"/>.</summary>
    public async Task WaitAsync(TimeSpan pause, TimeProvider time, CancellationToken cancellationToken)
    {
        var ring = Volatile.Read(ref rung);
        if (!ring.Task.IsCompleted)
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(ring.Task, Task.Delay(pause, time, timer.Token));
            await timer.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
        if (ring.Task.IsCompleted) Interlocked.CompareExchange(ref rung, NewRing(), ring);
    }
}
