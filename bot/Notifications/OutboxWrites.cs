using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReleaseBot.Persistence;

namespace ReleaseBot.Notifications;

/// <summary>
/// Rings the <see cref="OutboxBell"/> once a save that added outbox messages is committed: at once when it had no
/// transaction of its own, or when the transaction it was part of commits.
/// </summary>
public sealed class OutboxWrites(OutboxBell bell) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Written;

    /// <summary>The contexts whose open transaction holds new outbox messages.</summary>
    private readonly ConditionalWeakTable<DbContext, Written> inTransaction = [];

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack(eventData.Context);

    private void Note(DbContext? context)
    {
        if (context is null) return;
        // Outbox messages are only ever added (tracked as Added at once): no need to detect changes again to find them.
        using var _ = new ReleaseBotDb.DetectionPause(context.ChangeTracker);
        if (context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added)) inTransaction.AddOrUpdate(context, new Written());
    }

    private void Saved(DbContext? context)
    {
        if (context is null || context.Database.CurrentTransaction is not null) return;
        if (inTransaction.Remove(context)) bell.Ring();
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && inTransaction.Remove(context)) bell.Ring();
    }

    private void RolledBack(DbContext? context)
    {
        if (context is not null) inTransaction.Remove(context);
    }
}
