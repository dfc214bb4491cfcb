using Microsoft.EntityFrameworkCore;
using ReleaseBot.Persistence;

namespace ReleaseBot.Notifications;

/// <summary>
/// Sliding windows of recent sends per target, so that the sender stays under Teams' per-bot, per-thread
/// limits. The sends are kept in the database: the senders of several bot instances count each other's.
/// </summary>
internal sealed class TargetRateLimiter
{
    private const int ForgetEvery = 100;
    private readonly IReadOnlyList<SendLimit> limits;
    private readonly TimeSpan longest;

    public TargetRateLimiter(IEnumerable<SendLimit> limits)
    {
        this.limits = limits.ToList();
        if (this.limits.Any(l => l.Count < 1 || l.Window <= TimeSpan.Zero))
            throw new ArgumentException("Every send limit needs a count of at least 1 and a positive window.", nameof(limits));
        longest = this.limits.Count == 0 ? TimeSpan.Zero : this.limits.Max(l => l.Window);
    }

    /// <summary>Whether <paramref name="requests"/> more sends to <paramref name="target"/> at <paramref name="now"/> stay within every limit.</summary>
    public async Task<bool> CanSendAsync(ReleaseBotDb db, string target, DateTimeOffset now, int requests, CancellationToken ct) =>
        await RoomAtAsync(db, target, now, requests, ct) <= now;

    /// <summary>
    /// The earliest time, from <paramref name="now"/> on, at which <paramref name="requests"/> more sends to
    /// <paramref name="target"/> stay within every limit, as far as the sends counted so far tell.
    /// </summary>
    public async Task<DateTimeOffset> RoomAtAsync(ReleaseBotDb db, string target, DateTimeOffset now, int requests, CancellationToken ct) =>
        (await ReadAsync(db, target, now, ct)).RoomAt(requests);

    /// <summary>The target's windows as the sends counted so far fill them at <paramref name="now"/>.</summary>
    public async Task<Windows> ReadAsync(ReleaseBotDb db, string target, DateTimeOffset now, CancellationToken ct)
    {
        if (limits.Count == 0) return new(this, now, []);
        var since = now.ToUnixTimeMilliseconds() - (long)longest.TotalMilliseconds;
        return new(this, now, await Recent.For(db)(db, target, since).ToListAsync(ct));
    }

    /// <summary>A target's recent sends, read once, asked when one or more requests fit.</summary>
    public sealed class Windows(TargetRateLimiter limiter, DateTimeOffset now, List<TargetSend> recent)
    {
        /// <summary>The earliest time, from now on, at which <paramref name="requests"/> more sends stay within every limit.</summary>
        public DateTimeOffset RoomAt(int requests)
        {
            var nowMs = now.ToUnixTimeMilliseconds();
            var roomMs = nowMs;
            foreach (var limit in limiter.limits)
            {
                // A send at time t is inside the window while now - t < window; the oldest leave it first.
                var windowMs = (long)limit.Window.TotalMilliseconds;
                var inside = recent.Where(s => nowMs - s.AtUnixMs < windowMs).OrderBy(s => s.AtUnixMs).ToList();
                var excess = inside.Sum(s => s.Requests) + requests - limit.Count;
                foreach (var send in inside)
                {
                    if (excess <= 0) break;
                    excess -= send.Requests;
                    roomMs = Math.Max(roomMs, send.AtUnixMs + windowMs);
                }
            }
            return DateTimeOffset.FromUnixTimeMilliseconds(roomMs);
        }
    }

    private static readonly CompiledQuery<Func<ReleaseBotDb, string, long, IAsyncEnumerable<TargetSend>>> Recent = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, string target, long since) => db.Set<TargetSend>().AsNoTracking().Where(s => s.Target == target && s.AtUnixMs > since)));

    /// <summary>Counts a send (whatever its outcome: Teams counts the request).</summary>
    public async Task RecordAsync(ReleaseBotDb db, string target, DateTimeOffset now, int requests, CancellationToken ct)
    {
        if (limits.Count == 0) return;
        var nowMs = now.ToUnixTimeMilliseconds();
        // Sends that no window counts any more are forgotten now and then.
        if (Random.Shared.Next(ForgetEvery) == 0)
        {
            var forgotten = nowMs - (long)longest.TotalMilliseconds;
            await db.TargetSends.Where(s => s.AtUnixMs <= forgotten).ExecuteDeleteAsync(ct);
        }
        var send = new TargetSend { Target = target, AtUnixMs = nowMs, Requests = requests };
        db.TargetSends.Add(send);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Entry(send).State = EntityState.Detached;
        }
    }
}
