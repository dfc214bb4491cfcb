namespace ReleaseBot.Notifications;

/// <summary>
/// When each target with pending messages may be served next, as this sender last saw it, and which targets it is
/// serving now. A target is queued, in service, or unknown; it is never in service twice at once, so one sender never
/// sends two messages of a conversation at the same time. The times are hints: the database decides whether a message
/// may go.
/// </summary>
internal sealed class TargetSchedule(TimeProvider time)
{
    private readonly record struct Entry(DateTimeOffset At, long Oldest, string Target);

    /// <summary>The soonest first; of those due together, the one whose oldest pending message is oldest.</summary>
    private sealed class Soonest : IComparer<Entry>
    {
        public int Compare(Entry x, Entry y)
        {
            var at = x.At.CompareTo(y.At);
            if (at != 0) return at;
            var oldest = x.Oldest.CompareTo(y.Oldest);
            return oldest != 0 ? oldest : string.CompareOrdinal(x.Target, y.Target);
        }
    }

    private readonly Lock gate = new();
    private readonly SortedSet<Entry> queue = new(new Soonest());
    private readonly Dictionary<string, Entry> queued = new(StringComparer.Ordinal);
    private readonly HashSet<string> serving = new(StringComparer.Ordinal);
    private TaskCompletionSource changed = NewSignal();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The soonest time a queued target may be served; null when none is queued.</summary>
    public DateTimeOffset? Earliest
    {
        get
        {
            lock (gate) return queue.Count == 0 ? null : queue.Min.At;
        }
    }

    /// <summary>Targets found with pending messages (each with its oldest): queued to be served now, those not known already.</summary>
    public void Found(IEnumerable<(string Target, long Oldest)> targets)
    {
        lock (gate)
        {
            var before = queue.Count;
            foreach (var (target, oldest) in targets) Know(target, oldest);
            if (queue.Count != before) Signal();
        }
    }

    /// <summary>
    /// Queues the targets found, as <see cref="Found"/>, and takes every target due now into service at once, the soonest
    /// first: no worker can take one of them in between. Each stays in service until <see cref="Served"/>.
    /// </summary>
    public IReadOnlyList<string> TakeDue(IEnumerable<(string Target, long Oldest)> found)
    {
        lock (gate)
        {
            foreach (var (target, oldest) in found) Know(target, oldest);
            var now = time.GetUtcNow();
            var due = queue.TakeWhile(e => e.At <= now).ToList();
            foreach (var entry in due) Take(entry);
            return due.Select(e => e.Target).ToList();
        }
    }

    /// <summary>Waits until a queued target is due, and takes the soonest into service.</summary>
    public async Task<string> TakeNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            TimeSpan wait;
            lock (gate)
            {
                var now = time.GetUtcNow();
                if (queue.Count > 0 && queue.Min.At <= now)
                {
                    var soonest = queue.Min;
                    Take(soonest);
                    return soonest.Target;
                }
                signal = changed.Task;
                wait = queue.Count > 0 ? queue.Min.At - now : Timeout.InfiniteTimeSpan;
            }
            // Until the soonest is due, or until the queue changes (a target found, or served and queued again).
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(signal, Task.Delay(wait, time, timer.Token));
            await timer.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Ends the target's service: it is queued again for <paramref name="next"/> (<paramref name="oldest"/> being its
    /// oldest pending message then), or forgotten when null (nothing is pending, or another sender has it): a later
    /// look at the database finds it again if it has messages.
    /// </summary>
    public void Served(string target, DateTimeOffset? next, long oldest)
    {
        lock (gate)
        {
            if (!serving.Remove(target)) return;
            if (next is not { } at) return;
            var entry = new Entry(at, oldest, target);
            Enqueue(entry);
            if (queue.Min == entry) Signal(); // the workers wait for the soonest only
        }
    }

    private void Take(Entry entry)
    {
        queue.Remove(entry);
        queued.Remove(entry.Target);
        serving.Add(entry.Target);
    }

    private void Know(string target, long oldest)
    {
        if (!queued.ContainsKey(target) && !serving.Contains(target)) Enqueue(new Entry(time.GetUtcNow(), oldest, target));
    }

    private void Enqueue(Entry entry)
    {
        queue.Add(entry);
        queued.Add(entry.Target, entry);
    }

    /// <summary>Wakes the workers waiting for the queue to change.</summary>
    private void Signal()
    {
        var waiting = changed;
        changed = NewSignal();
        waiting.SetResult();
    }
}
