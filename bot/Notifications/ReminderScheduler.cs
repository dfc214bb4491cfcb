using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReleaseBot.Domain;
using ReleaseBot.Persistence;

namespace ReleaseBot.Notifications;

/// <summary>
/// Reminds, from the database: when a release's planned start is near and its task is still unassigned, the channels
/// subscribed to reminders and the opted-in members of the group it waits for are told; when its planned end has passed
/// and it is not resolved, the channels subscribed to "overdue" are. Each at most once per release and planned moment,
/// across restarts and instances: the first instance to record it in <see cref="SentReminder"/> plans its messages, in
/// the same transaction. A reminder that is no longer true when its turn to be sent comes is not sent (see
/// <see cref="BotDelivery"/>).
/// </summary>
public sealed partial class ReminderScheduler(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReminderOptions> options,
    ILogger<ReminderScheduler> logger) : BackgroundService
{
    private readonly ReminderOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first round comes one interval after the start, as every other: a start is no reason to remind.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(e);
            }
        }
    }

    /// <summary>Plans the reminders due now; returns how many releases were reminded of.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();
        var now = clock.GetUtcNow();
        // Releases in progress are few; their planned times are compared here, as SQLite cannot compare them in SQL.
        var open = await db.Releases.AsNoTracking().Include(r => r.Tasks).Where(r => r.Tasks.Any(t => t.FinishedAt == null)).ToListAsync(ct);
        var reminded = 0;
        foreach (var release in open)
        {
            if (release.StartsUnassigned(now, settings.Lead) && await PlanAsync(db, release, NotificationEvent.Reminder, release.PlannedStart, now, ct)) reminded++;
            if (release.IsOverdue(now) && await PlanAsync(db, release, NotificationEvent.Overdue, release.PlannedEnd, now, ct)) reminded++;
        }
        return reminded;
    }

    private async Task<bool> PlanAsync(ReleaseBotDb db, ReleaseRequest release, NotificationEvent kind, DateTimeOffset about, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var forMs = about.ToUnixTimeMilliseconds();
        var kindValue = (int)kind;
        // Both engines speak this SQL: the first instance records it, the others change nothing.
        var recorded = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Reminders" ("ReleaseId", "Kind", "ForMs", "PlannedAt") VALUES ({release.Id}, {kindValue}, {forMs}, {now})
            ON CONFLICT ("ReleaseId", "Kind", "ForMs") DO NOTHING
            """, ct);
        if (recorded == 0) return false;

        var targets = (await db.Subscriptions.AsNoTracking().ToListAsync(ct))
            .Where(s => (s.Events & kind) != 0
                && (s.ExecutorGroupId is null || s.ExecutorGroupId == release.ExecutorGroupId)
                && (s.ReleaseType is null || string.Equals(s.ReleaseType, release.Type, StringComparison.OrdinalIgnoreCase)))
            .Select(s => s.Target).ToHashSet();
        if (kind == NotificationEvent.Reminder && release.CurrentTask is { } task)
        {
            var waiting = await db.GroupMembers.Where(m => m.GroupId == task.CandidateGroupId)
                .Join(db.OptIns, m => m.AadObjectId, o => o.AadObjectId, (m, _) => m.AadObjectId).ToListAsync(ct);
            targets.UnionWith(waiting.Select(NotificationTarget.User));
        }
        foreach (var target in targets.Order())
            db.Outbox.Add(new OutboxMessage
            {
                Target = target, ReleaseId = release.Id, Revision = release.Revision, Event = kind,
                CreatedAt = now, NextAttemptAt = now, Status = OutboxStatus.Pending,
            });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        LogPlanned(kind, release.Key, targets.Count);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Planned the {Kind} of {Release} for {Targets} conversations")]
    private partial void LogPlanned(NotificationEvent kind, string release, int targets);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of reminders failed; the next round tries again")]
    private partial void LogRoundFailed(Exception e);
}
