using Microsoft.EntityFrameworkCore;
using ReleaseBot.Notifications;

namespace ReleaseBot.Data;

/// <summary>The channels' subscriptions and the people's opt-ins to personal notifications.</summary>
public sealed partial class ReleaseDesk
{
    public async Task<IReadOnlyList<ChannelSubscription>> SubscriptionsAsync(string target, CancellationToken ct = default) =>
        await db.Subscriptions.AsNoTracking().Where(s => s.Target == target).OrderBy(s => s.Id).ToListAsync(ct);

    /// <summary>Adds the subscription unless the channel has the same one already; true when it was added.</summary>
    public async Task<bool> SubscribeAsync(ChannelSubscription subscription, CancellationToken ct = default)
    {
        var same = await db.Subscriptions.AnyAsync(s => s.Target == subscription.Target && s.ExecutorGroupId == subscription.ExecutorGroupId
            && s.ReleaseType == subscription.ReleaseType && s.Events == subscription.Events, ct);
        if (same) return false;
        subscription.CreatedAt = clock.GetUtcNow();
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return true;
    }

    public Task<int> UnsubscribeAsync(string target, CancellationToken ct = default) =>
        db.Subscriptions.Where(s => s.Target == target).ExecuteDeleteAsync(ct);

    public async Task<IReadOnlyList<string>> ReleaseTypesAsync(CancellationToken ct = default) =>
        await db.Releases.AsNoTracking().Select(r => r.Type).Distinct().OrderBy(t => t).ToListAsync(ct);

    /// <summary>Turns personal notifications on or off for a person; true when they are now on.</summary>
    public async Task<bool> ToggleOptInAsync(string aadObjectId, CancellationToken ct = default)
    {
        if (await db.OptIns.Where(o => o.AadObjectId == aadObjectId).ExecuteDeleteAsync(ct) > 0) return false;
        db.OptIns.Add(new PersonalOptIn { AadObjectId = aadObjectId, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return true;
    }
}
