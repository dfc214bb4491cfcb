namespace ReleaseBot.Notifications;

/// <summary>At most <see cref="Count"/> sends to one target within any <see cref="Window"/>.</summary>
public sealed record SendLimit(int Count, TimeSpan Window);

/// <summary>
/// Sliding windows of recent sends per target (conversation), so that the sender stays under Teams'
/// per-bot, per-thread limits. Held in this process's memory: several bot instances each keep their
/// own windows, so together they may exceed the limit; Teams then answers 429 with Retry-After, which
/// the sender honours. The sends themselves are never lost because of it.
/// </summary>
internal sealed class TargetRateLimiter
{
    private readonly IReadOnlyList<SendLimit> limits;
    private readonly TimeSpan longest;
    private readonly Dictionary<string, Queue<DateTimeOffset>> sends = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public TargetRateLimiter(IEnumerable<SendLimit> limits)
    {
        this.limits = limits.ToList();
        if (this.limits.Any(l => l.Count < 1 || l.Window <= TimeSpan.Zero))
            throw new ArgumentException("Every send limit needs a count of at least 1 and a positive window.", nameof(limits));
        longest = this.limits.Count == 0 ? TimeSpan.Zero : this.limits.Max(l => l.Window);
    }

    /// <summary>Whether <paramref name="requests"/> more sends to <paramref name="target"/> at <paramref name="now"/> stay within every limit.</summary>
    public bool CanSend(string target, DateTimeOffset now, int requests = 1)
    {
        lock (gate)
        {
            if (!sends.TryGetValue(target, out var recent)) return true;
            Forget(target, recent, now);
            foreach (var limit in limits)
            {
                // A send at time t is inside the window while now - t < window.
                var inWindow = recent.Count(t => now - t < limit.Window);
                if (inWindow + requests > limit.Count) return false;
            }
            return true;
        }
    }

    /// <summary>Counts a send (whatever its outcome: Teams counts the request).</summary>
    public void Record(string target, DateTimeOffset now, int requests = 1)
    {
        if (limits.Count == 0) return;
        lock (gate)
        {
            if (!sends.TryGetValue(target, out var recent)) sends[target] = recent = new Queue<DateTimeOffset>();
            for (var i = 0; i < requests; i++) recent.Enqueue(now);
        }
    }

    /// <summary>Drops sends that no window counts any more, and targets with none left.</summary>
    private void Forget(string target, Queue<DateTimeOffset> recent, DateTimeOffset now)
    {
        while (recent.Count > 0 && now - recent.Peek() >= longest) recent.Dequeue();
        if (recent.Count == 0) sends.Remove(target);
    }
}
