using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReleaseBot.Domain;

namespace ReleaseBot.Persistence;

/// <summary>
/// The one place where the events that releases raised reach their handlers: when the context saves, every
/// tracked release's events are handed to each <see cref="IReleaseEventHandler"/>, and what they add is saved
/// in the same transaction as the change.
/// </summary>
public sealed class ReleaseEventDispatcher(IEnumerable<IReleaseEventHandler> handlers) : SaveChangesInterceptor
{
    private readonly IReadOnlyList<IReleaseEventHandler> handlers = handlers.ToList();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ReleaseBotDb db)
            foreach (var release in Changed(db))
            {
                var events = release.Events.ToList();
                release.ClearEvents();
                foreach (var handler in handlers) await handler.HandleAsync(db, release, events, cancellationToken);
            }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is ReleaseBotDb db && Changed(db).Any())
            throw new InvalidOperationException("A changed release is saved with SaveChangesAsync, so that its events are handled.");
        return result;
    }

    /// <summary>
    /// The releases whose events are due. A new release's events wait until it has been inserted, since what they
    /// cause refers to its id: the desk saves a new release twice, in one transaction. Events and states are known without
    /// looking for changes, which the save does anyway.
    /// </summary>
    private static List<ReleaseRequest> Changed(ReleaseBotDb db)
    {
        using var _ = db.WithoutDetectingChanges();
        return db.ChangeTracker.Entries<ReleaseRequest>().Where(e => e.State != EntityState.Added)
            .Select(e => e.Entity).Where(r => r.Events.Count > 0).ToList();
    }
}
