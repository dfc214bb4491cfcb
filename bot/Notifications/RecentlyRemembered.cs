using System.Collections.Concurrent;

namespace ReleaseBot.Notifications;

/// <summary>
/// What this instance found in the conversation directory lately, so that a turn in a conversation and from a person
/// as they were costs no read. An entry holds for a few minutes only, and the bot's arrival in or removal from a
/// conversation is never skipped; the directory in the database stays the only truth.
/// </summary>
public sealed class RecentlyRemembered(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> until = new(StringComparer.Ordinal);

    public bool Holds(string fingerprint) => until.TryGetValue(fingerprint, out var end) && end > clock.GetUtcNow();

    public void Keep(string fingerprint)
    {
        if (until.Count >= MaxEntries) until.Clear();
        until[fingerprint] = clock.GetUtcNow() + Lifetime;
    }

    public void Clear() => until.Clear();
}
