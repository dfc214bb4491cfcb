using Microsoft.EntityFrameworkCore;
using ReleaseBot.Data;
using ReleaseBot.Domain;

namespace ReleaseBot.Notifications;

/// <summary>
/// Decides who hears of a change: the channels whose subscription matches the release and the event,
/// the requester when the release is resolved or not, and the opted-in members of the group the next
/// task waits for. Adds their outbox messages to the change, so they are saved with it or not at all.
/// </summary>
public static class NotificationPlanner
{
    /// <summary>
    /// What an occurrence announces. Every advance ends a task as resolved or not, but the release is
    /// "resolved" only when the advance moved it into that status (the execution step); "not resolved"
    /// is every advance that sends it back.
    /// </summary>
    public static NotificationEvent EventOf(ExecutionLogEntry entry, ReleaseStatus statusBefore, ReleaseStatus statusAfter) => entry.Occurrence switch
    {
        Occurrence.TaskClaimed => NotificationEvent.TaskAssigned,
        Occurrence.ExecutionSaved => NotificationEvent.ExecutionSaved,
        Occurrence.FlowAdvanced when entry.Situation == ExecutionSituation.NaoResolvida => NotificationEvent.FlowAdvanced | NotificationEvent.NotResolved,
        Occurrence.FlowAdvanced when statusAfter == ReleaseStatus.Resolvida && statusBefore != ReleaseStatus.Resolvida =>
            NotificationEvent.FlowAdvanced | NotificationEvent.Resolved,
        Occurrence.FlowAdvanced => NotificationEvent.FlowAdvanced,
        _ => NotificationEvent.None,
    };

    public static async Task PlanAsync(ReleaseBotDb db, ReleaseRequest release, ReleaseStatus statusBefore, IReadOnlyList<ExecutionLogEntry> entries, DateTimeOffset now, CancellationToken ct)
    {
        // A save-and-advance writes a save and an advance: the advance tells the story.
        var announced = entries.Any(e => e.Occurrence == Occurrence.FlowAdvanced)
            ? entries.Where(e => e.Occurrence == Occurrence.FlowAdvanced)
            : entries;
        var subscriptions = await db.Subscriptions.AsNoTracking().ToListAsync(ct);
        var told = new HashSet<string>();
        foreach (var entry in announced)
        {
            var what = EventOf(entry, statusBefore, release.Status);
            if (what == NotificationEvent.None) continue;
            var targets = subscriptions
                .Where(s => (s.Events & what) != 0
                    && (s.ExecutorGroupId is null || s.ExecutorGroupId == release.ExecutorGroupId)
                    && (s.ReleaseType is null || string.Equals(s.ReleaseType, release.Type, StringComparison.OrdinalIgnoreCase)))
                .Select(s => s.Target)
                .ToHashSet();
            if ((what & (NotificationEvent.Resolved | NotificationEvent.NotResolved)) != 0 && release.RequesterAadId is { } requester)
                targets.Add(NotificationTarget.User(requester));
            if (entry.Occurrence == Occurrence.FlowAdvanced && release.CurrentTask is { } next)
            {
                var waiting = await db.GroupMembers.Where(m => m.GroupId == next.CandidateGroupId)
                    .Join(db.OptIns, m => m.AadObjectId, o => o.AadObjectId, (m, _) => m.AadObjectId)
                    .Where(aad => aad != entry.ActorAadId)
                    .ToListAsync(ct);
                targets.UnionWith(waiting.Select(NotificationTarget.User));
            }
            foreach (var target in targets.Order()) Add(db, release, entry, target, what, now);
            told.UnionWith(targets);
        }

        // Every change edits the release's card in the channels that already have its thread.
        if (entries.Count == 0) return;
        var threads = await db.Threads.AsNoTracking().Where(t => t.ReleaseId == release.Id).Select(t => t.Target).ToListAsync(ct);
        foreach (var target in threads.Where(t => !told.Contains(t)).Order())
            Add(db, release, entries[^1], target, NotificationEvent.None, now);
    }

    private static void Add(ReleaseBotDb db, ReleaseRequest release, ExecutionLogEntry entry, string target, NotificationEvent what, DateTimeOffset now) =>
        db.Outbox.Add(new OutboxMessage
        {
            Target = target,
            ReleaseId = release.Id,
            Revision = entry.Revision,
            Event = what,
            CreatedAt = now,
            NextAttemptAt = now,
            Status = OutboxStatus.Pending,
        });
}
