using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;
using ReleaseBot.Notifications;

namespace ReleaseBot.Data;

/// <summary>
/// The product's database, the same model on each provider: <see cref="SqliteReleaseBotDb"/>, the embedded default,
/// and <see cref="PostgresReleaseBotDb"/>. They are types of their own only so that each keeps its own migrations.
/// </summary>
public abstract class ReleaseBotDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<ReleaseRequest> Releases => Set<ReleaseRequest>();
    public DbSet<ReleaseTask> Tasks => Set<ReleaseTask>();
    public DbSet<ReleaseFlow> Flows => Set<ReleaseFlow>();
    public DbSet<ExecutorGroup> Groups => Set<ExecutorGroup>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<SolutionCategory> SolutionCategories => Set<SolutionCategory>();
    public DbSet<LinkableItem> Catalog => Set<LinkableItem>();
    public DbSet<ReleaseLink> Links => Set<ReleaseLink>();
    public DbSet<ExecutionLogEntry> ExecutionLog => Set<ExecutionLogEntry>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ConversationAddress> Addresses => Set<ConversationAddress>();
    public DbSet<KnownUser> KnownUsers => Set<KnownUser>();
    public DbSet<ChannelSubscription> Subscriptions => Set<ChannelSubscription>();
    public DbSet<PersonalOptIn> OptIns => Set<PersonalOptIn>();
    public DbSet<ReleaseThread> Threads => Set<ReleaseThread>();
    public DbSet<ProcessedActivity> ProcessedActivities => Set<ProcessedActivity>();
    public DbSet<BotStateRecord> BotState => Set<BotStateRecord>();
    public DbSet<TargetSend> TargetSends => Set<TargetSend>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<ReleaseRequest>(release =>
        {
            release.HasIndex(r => r.Key).IsUnique();
            release.Property(r => r.Key).HasMaxLength(20);
            release.Property(r => r.Title).HasMaxLength(200);
            release.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            release.Property(r => r.Risk).HasConversion<string>().HasMaxLength(10);
            release.Property(r => r.Impact).HasConversion<string>().HasMaxLength(10);
            release.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(10);
            release.Property(r => r.Revision).IsConcurrencyToken();
            release.Property<string>(SearchText.Column).HasMaxLength(2000);
            release.Ignore(r => r.CurrentTask);
            release.Ignore(r => r.LatestClosure);
            release.HasMany(r => r.Tasks).WithOne().HasForeignKey(t => t.ReleaseId);
            release.HasMany(r => r.Links).WithOne().HasForeignKey(l => l.ReleaseId);
            release.HasMany(r => r.Log).WithOne().HasForeignKey(e => e.ReleaseId).OnDelete(DeleteBehavior.Restrict);
            release.HasOne(r => r.ExecutorGroup).WithMany().HasForeignKey(r => r.ExecutorGroupId);
        });
        model.Entity<ReleaseTask>(task =>
        {
            task.Property(t => t.StepKey).HasMaxLength(40);
            task.Property(t => t.Outcome).HasConversion<string>().HasMaxLength(20);
            task.Property(t => t.Situation).HasConversion<string>().HasMaxLength(20);
            task.Property(t => t.ExecutionInformation).HasMaxLength(ClosureForm.MaxExecutionInformation);
            task.HasOne(t => t.SolutionCategory).WithMany().HasForeignKey(t => t.SolutionCategoryId);
            task.Ignore(t => t.HasClosure);
        });
        model.Entity<ReleaseFlow>(flow =>
        {
            flow.HasIndex(f => f.ReleaseType).IsUnique();
            flow.Ignore(f => f.Ordered);
            flow.Ignore(f => f.First);
            flow.HasMany(f => f.Steps).WithOne().HasForeignKey(s => s.FlowId);
        });
        model.Entity<FlowStep>(step =>
        {
            step.HasIndex(s => new { s.FlowId, s.Key }).IsUnique();
            step.ComplexProperty(s => s.Name);
            step.Property(s => s.StatusWhenClaimed).HasConversion<string>().HasMaxLength(20);
            step.Property(s => s.StatusWhenResolved).HasConversion<string>().HasMaxLength(20);
            step.Property(s => s.StatusWhenNotResolved).HasConversion<string>().HasMaxLength(20);
        });
        model.Entity<ExecutorGroup>().HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId);
        model.Entity<GroupMember>().HasIndex(m => new { m.AadObjectId, m.GroupId }).IsUnique();
        model.Entity<SolutionCategory>(category =>
        {
            category.ComplexProperty(c => c.Name);
            category.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId);
        });
        model.Entity<LinkableItem>(item =>
        {
            item.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
            item.HasIndex(i => new { i.Kind, i.Code }).IsUnique();
            item.Ignore(i => i.Label);
            item.Property<string>(SearchText.Column).HasMaxLength(500);
        });
        model.Entity<ReleaseLink>(link =>
        {
            link.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
            link.Property(l => l.Role).HasMaxLength(ReleaseRequest.MaxRoleLength);
            link.HasOne(l => l.Item).WithMany().HasForeignKey(l => l.ItemId);
        });
        model.Entity<ExecutionLogEntry>(entry =>
        {
            entry.Property(e => e.Occurrence).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.Situation).HasConversion<string>().HasMaxLength(20);
            entry.HasIndex(e => new { e.ReleaseId, e.Revision });
        });
        OnNotificationsCreating(model);
    }

    private static void OnNotificationsCreating(ModelBuilder model)
    {
        model.Entity<OutboxMessage>(message =>
        {
            message.Property(m => m.Target).HasMaxLength(200);
            message.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
            message.Property(m => m.LeaseOwner).HasMaxLength(100);
            message.Property(m => m.LastError).HasMaxLength(1000);
            message.HasIndex(m => new { m.Status, m.Target, m.Id });
        });
        model.Entity<ConversationAddress>(address =>
        {
            address.HasKey(a => a.Target);
            address.Property(a => a.Target).HasMaxLength(200);
            address.Property(a => a.Kind).HasConversion<string>().HasMaxLength(10);
            address.Property(a => a.Language).HasMaxLength(10);
        });
        model.Entity<KnownUser>().HasKey(u => u.AadObjectId);
        model.Entity<ChannelSubscription>(subscription =>
        {
            subscription.Property(s => s.Target).HasMaxLength(200);
            subscription.Property(s => s.Language).HasMaxLength(10);
            subscription.HasIndex(s => s.Target);
        });
        model.Entity<PersonalOptIn>().HasKey(o => o.AadObjectId);
        model.Entity<ReleaseThread>(thread =>
        {
            thread.Property(t => t.Target).HasMaxLength(200);
            thread.HasIndex(t => new { t.Target, t.ReleaseId }).IsUnique();
        });
        model.Entity<ProcessedActivity>().HasKey(a => a.ActivityId);
        model.Entity<TargetSend>(send =>
        {
            send.Property(s => s.Target).HasMaxLength(200);
            send.HasIndex(s => new { s.Target, s.AtUnixMs });
        });
        model.Entity<BotStateRecord>(record =>
        {
            record.HasKey(r => r.Key);
            record.Property(r => r.Key).HasMaxLength(BotStateRecord.MaxKeyLength);
            record.Property(r => r.ETag).HasMaxLength(40).IsConcurrencyToken();
        });
    }

    /// <summary>Applies the pending migrations. Instances starting together on one database take turns.</summary>
    public virtual Task ApplyMigrationsAsync(CancellationToken ct) => Database.MigrateAsync(ct);

    /// <summary>
    /// Inside a transaction, waits until no other transaction holds the same lock; released at commit or rollback.
    /// SQLite's transactions already write one at a time, so there is nothing more to take.
    /// </summary>
    public virtual Task LockAsync(long lockId, CancellationToken ct) => Task.CompletedTask;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseLogRewrites();
        KeepSearchTextCurrent();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseLogRewrites();
        KeepSearchTextCurrent();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void KeepSearchTextCurrent()
    {
        foreach (var entry in ChangeTracker.Entries<ReleaseRequest>().Where(e => e.State is EntityState.Added or EntityState.Modified))
            entry.Property(SearchText.Column).CurrentValue = SearchText.Of(entry.Entity);
        foreach (var entry in ChangeTracker.Entries<LinkableItem>().Where(e => e.State is EntityState.Added or EntityState.Modified))
            entry.Property(SearchText.Column).CurrentValue = SearchText.Of(entry.Entity);
    }

    /// <summary>The execution log is append-only.</summary>
    private void RefuseLogRewrites()
    {
        if (ChangeTracker.Entries<ExecutionLogEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("The execution log is append-only: its entries are never changed or removed.");
    }
}
