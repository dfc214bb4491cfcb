using Microsoft.EntityFrameworkCore;
using ReleaseBot.Persistence;

namespace ReleaseBot.Notifications;

/// <summary>The channels' subscriptions and the people's opt-ins to personal notifications.</summary>
public sealed class NotificationChoices(ReleaseBotDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<ChannelSubscription>> SubscriptionsAsync(string target, CancellationToken ct = default) =>
        await db.Subscriptions.AsNoTracking().Where(s => s.Target == target).OrderBy(s => s.Id).ToListAsync(ct);

    /// <summary>Adds the subscription unless the channel has the same one already; true when it was added.</summary>
    public Task<bool> SubscribeAsync(ChannelSubscription subscription, CancellationToken ct = default) => OneAtATimeAsync(async () =>
    {
        var same = await db.Subscriptions.AnyAsync(s => s.Target == subscription.Target && s.ExecutorGroupId == subscription.ExecutorGroupId
            && s.ReleaseType == subscription.ReleaseType && s.Events == subscription.Events, ct);
        if (same) return false;
        subscription.CreatedAt = clock.GetUtcNow();
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return true;
    }, ct);

    public Task<int> UnsubscribeAsync(string target, CancellationToken ct = default) =>
        db.Subscriptions.Where(s => s.Target == target).ExecuteDeleteAsync(ct);

    /// <summary>Turns personal notifications on or off for a person; true when they are now on.</summary>
    public Task<bool> ToggleOptInAsync(string aadObjectId, CancellationToken ct = default) => OneAtATimeAsync(async () =>
    {
        if (await db.OptIns.Where(o => o.AadObjectId == aadObjectId).ExecuteDeleteAsync(ct) > 0) return false;
        db.OptIns.Add(new PersonalOptIn { AadObjectId = aadObjectId, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return true;
    }, ct);

    private const long SubscriptionsLock = 0x52454C_0003; // "REL" 3

    /// <summary>
    /// Reads and writes subscriptions or opt-ins in a transaction that waits for any other doing the same,
    /// so that two requests at once (on two instances) neither store a subscription twice nor fail.
    /// </summary>
    private async Task<T> OneAtATimeAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.LockAsync(SubscriptionsLock, ct);
            var result = await work();
            await transaction.CommitAsync(ct);
            return result;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
