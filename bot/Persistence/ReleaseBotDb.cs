using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;

namespace ReleaseBot.Persistence;

/// <summary>
/// The product's database, the same model on each provider: <see cref="SqliteReleaseBotDb"/>, the embedded default,
/// and <see cref="PostgresReleaseBotDb"/>. They are types of their own only so that each keeps its own migrations.
/// Each table is mapped by its own <see cref="IEntityTypeConfiguration{TEntity}"/>, wherever its module keeps it.
/// </summary>
public abstract class ReleaseBotDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<ReleaseRequest> Releases => Set<ReleaseRequest>();

    /// <summary>When a release last changed, in Unix milliseconds (comparable on every engine), for "what changed since".</summary>
    public const string UpdatedAtColumn = "UpdatedAtMs";
    public DbSet<ReleaseTask> Tasks => Set<ReleaseTask>();
    public DbSet<ReleaseFlow> Flows => Set<ReleaseFlow>();
    public DbSet<ExecutorGroup> Groups => Set<ExecutorGroup>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<SolutionCategory> SolutionCategories => Set<SolutionCategory>();
    public DbSet<LinkableItem> Catalog => Set<LinkableItem>();
    public DbSet<ReleaseLink> Links => Set<ReleaseLink>();
    public DbSet<ExecutionLogEntry> ExecutionLog => Set<ExecutionLogEntry>();
    public DbSet<ReleaseInHandRecord> ReleasesInHand => Set<ReleaseInHandRecord>();
    public DbSet<DeskRevision> DeskRevisions => Set<DeskRevision>();
    public DbSet<SharedSecret> SharedSecrets => Set<SharedSecret>();
    /// <summary>ASP.NET Core's data protection keys (e.g. of the sign-in cookie of the release pages), shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    private static readonly CompiledQuery<Func<ReleaseBotDb, CancellationToken, Task<long>>> DeskRevisionQuery = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, CancellationToken ct) => db.DeskRevisions.AsNoTracking().Where(r => r.Id == DeskRevision.TheRow).Select(r => r.Number).FirstOrDefault()));

    public Task<long> DeskRevisionAsync(CancellationToken ct) => DeskRevisionQuery.For(this)(this, ct);

    protected override void OnModelCreating(ModelBuilder model) => model.ApplyConfigurationsFromAssembly(typeof(ReleaseBotDb).Assembly);

    /// <summary>Applies the pending migrations. Instances starting together on one database take turns.</summary>
    public virtual Task ApplyMigrationsAsync(CancellationToken ct) => Database.MigrateAsync(ct);

    /// <summary>
    /// Inside a transaction, waits until no other transaction holds the same lock; released at commit or rollback.
    /// SQLite's transactions already write one at a time, so there is nothing more to take.
    /// </summary>
    /// <summary>
    /// A turn about to run several queries: SQLite keeps one connection open until the turn ends, since each
    /// opening registers the provider's SQL functions again. PostgreSQL takes a pooled connection per query
    /// instead, so that a turn waiting on Teams holds none.
    /// </summary>
    public virtual Task StartTurnAsync(CancellationToken ct) => Task.CompletedTask;

    public virtual Task LockAsync(long lockId, CancellationToken ct) => Task.CompletedTask;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var changesSetup = PrepareSave();
        using var _ = WithoutDetectingChanges();
        if (!changesSetup) return base.SaveChanges(acceptAllChangesOnSuccess);
        using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        CountSetupChange().ExecuteUpdate(s => s.SetProperty(r => r.Number, r => r.Number + 1));
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        transaction?.Commit();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var changesSetup = PrepareSave();
        using var _ = WithoutDetectingChanges();
        if (!changesSetup) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        await CountSetupChange().ExecuteUpdateAsync(s => s.SetProperty(r => r.Number, r => r.Number + 1), cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>
    /// The one look for changes a save makes, and the checks that follow it (the log append-only, search text current):
    /// each of them, and EF's save after them, would otherwise look again, over every tracked entity. What is added after
    /// it (the outbox messages of the release's events) is added through the context, which tracks it at once. Returns
    /// whether the save changes the setup.
    /// </summary>
    private bool PrepareSave()
    {
        ChangeTracker.DetectChanges();
        using var _ = WithoutDetectingChanges();
        RefuseLogRewrites();
        KeepSearchTextCurrent();
        return ChangesSetup();
    }

    /// <summary>Until disposed, reading the change tracker does not look for changes first (one look was just made).</summary>
    internal DetectionPause WithoutDetectingChanges() => new(ChangeTracker);

    internal readonly struct DetectionPause : IDisposable
    {
        private readonly Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker;
        private readonly bool was;

        public DetectionPause(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker)
        {
            this.tracker = tracker;
            was = tracker.AutoDetectChangesEnabled;
            tracker.AutoDetectChangesEnabled = false;
        }

        public void Dispose() => tracker.AutoDetectChangesEnabled = was;
    }

    /// <summary>Whether this save changes what <see cref="ReleaseDesk.SetupAsync"/> reads; it then counts a <see cref="DeskRevision"/> with it.</summary>
    private bool ChangesSetup() => ChangeTracker.Entries().Any(e =>
        e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && e.Entity is ReleaseFlow or FlowStep or ExecutorGroup or GroupMember or SolutionCategory);

    private IQueryable<DeskRevision> CountSetupChange() => DeskRevisions.Where(r => r.Id == DeskRevision.TheRow);

    private void KeepSearchTextCurrent()
    {
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var entry in ChangeTracker.Entries<ReleaseRequest>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            if (entry.State == EntityState.Added || SearchText.WordsOf(entry).Any(p => p.IsModified))
                entry.Property(SearchText.Column).CurrentValue = SearchText.Of(entry.Entity);
            entry.Property(UpdatedAtColumn).CurrentValue = nowMs;
        }
        foreach (var entry in ChangeTracker.Entries<LinkableItem>().Where(e => e.State is EntityState.Added or EntityState.Modified))
            entry.Property(SearchText.Column).CurrentValue = SearchText.Of(entry.Entity);
    }

    /// <summary>The execution log is append-only: the domain never changes an entry, and the database refuses it too.</summary>
    private void RefuseLogRewrites()
    {
        if (ChangeTracker.Entries<ExecutionLogEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("The execution log is append-only: its entries are never changed or removed.");
    }
}
