using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;
using ReleaseBot.Domain.Events;
using ReleaseBot.Persistence;

namespace ReleaseBot.Notifications;

/// <summary>
/// Decides who hears of a change: the channels whose subscription matches the release and the event,
/// the requester when the release is resolved, not resolved or cancelled (by someone else), the person handed a
/// task, and the opted-in members of the group the next task waits for (after an advance or a reopening). Adds their outbox messages to the change, so they are saved with it or not at all.
/// </summary>
public sealed class NotificationPlanner(TimeProvider clock) : IReleaseEventHandler
{
    /// <summary>
    /// What an event announces. Every advance ends a task as resolved or not, but the release is
    /// "resolved" only when the advance moved it into that status (the execution step); "not resolved"
    /// is every advance that sends it back.
    /// </summary>
    public static NotificationEvent EventOf(ReleaseEvent change) => change switch
    {
        ReleaseRegistered => NotificationEvent.Registered,
        NoteAdded => NotificationEvent.NoteAdded,
        TaskClaimed => NotificationEvent.TaskAssigned,
        ExecutionSaved => NotificationEvent.ExecutionSaved,
        FlowAdvanced { SentBack: true } => NotificationEvent.FlowAdvanced | NotificationEvent.NotResolved,
        FlowAdvanced { ReleaseResolved: true } => NotificationEvent.FlowAdvanced | NotificationEvent.Resolved,
        FlowAdvanced => NotificationEvent.FlowAdvanced,
        ReleaseSuspended => NotificationEvent.Suspended,
        ReleaseResumed => NotificationEvent.Resumed,
        ReleaseCancelled => NotificationEvent.Cancelled,
        ReleaseReopened => NotificationEvent.Reopened,
        TaskHandedOver => NotificationEvent.HandedOver,
        ApprovalDecided { Approved: true } => NotificationEvent.Approved,
        ApprovalDecided => NotificationEvent.Rejected,
        _ => NotificationEvent.None,
    };

    public async Task HandleAsync(ReleaseBotDb db, ReleaseRequest release, IReadOnlyList<ReleaseEvent> events, CancellationToken ct)
    {
        if (events.Count == 0) return;
        var now = clock.GetUtcNow();
        // A save-and-advance raises a save and an advance: the advance tells the story; an approval's decision tells its
        // advance's too (it is one notification, with the decision's words, for those who follow either).
        var advance = events.OfType<FlowAdvanced>().LastOrDefault();
        var announced = events.OfType<ApprovalDecided>().Any() ? events.OfType<ApprovalDecided>().ToList<ReleaseEvent>()
            : advance is not null ? events.OfType<FlowAdvanced>().ToList<ReleaseEvent>() : events;
        var subscriptions = await Subscriptions.For(db)(db).ToListAsync(ct);
        var told = new HashSet<string>();
        foreach (var change in announced)
        {
            var what = EventOf(change) | (change is ApprovalDecided && advance is not null ? EventOf(advance) : NotificationEvent.None);
            if (what == NotificationEvent.None) continue;
            var targets = subscriptions
                .Where(s => (s.Events & what) != 0
                    && (s.ExecutorGroupId is null || s.ExecutorGroupId == release.ExecutorGroupId)
                    && (s.ReleaseType is null || string.Equals(s.ReleaseType, release.Type, StringComparison.OrdinalIgnoreCase)))
                .Select(s => s.Target)
                .ToHashSet();
            if (release.RequesterAadId is { } requester && ((what & (NotificationEvent.Resolved | NotificationEvent.NotResolved)) != 0
                || (what & NotificationEvent.Cancelled) != 0 && requester != change.Stamp.ActorAadId))
                targets.Add(NotificationTarget.User(requester));
            // Whoever is handed a task hears of it personally, whatever they chose.
            if (change is TaskHandedOver { ToAadId: { } assignee } && assignee != change.Stamp.ActorAadId)
                targets.Add(NotificationTarget.User(assignee));
            var waitingGroup = change switch
            {
                FlowAdvanced advanced => advanced.NextCandidateGroupId,
                ApprovalDecided => advance?.NextCandidateGroupId,
                ReleaseReopened reopened => reopened.CandidateGroupId,
                _ => null,
            };
            if (waitingGroup is not null)
            {
                var waiting = await OptedInMembers.For(db)(db, waitingGroup.Value, change.Stamp.ActorAadId).ToListAsync(ct);
                targets.UnionWith(waiting.Select(NotificationTarget.User));
            }
            foreach (var target in targets.Order()) Add(db, release, change, target, what, now);
            told.UnionWith(targets);
        }

        // Every change edits the release's card in the channels that already have its thread.
        var threads = await Threads.For(db)(db, release.Id).ToListAsync(ct);
        foreach (var target in threads.Where(t => !told.Contains(t)).Order())
            Add(db, release, events[^1], target, NotificationEvent.None, now);
    }

    private static readonly CompiledQuery<Func<ReleaseBotDb, IAsyncEnumerable<ChannelSubscription>>> Subscriptions = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db) => db.Set<ChannelSubscription>().AsNoTracking()));

    /// <summary>The members of a group who chose to hear of its tasks, but the one who acted.</summary>
    private static readonly CompiledQuery<Func<ReleaseBotDb, int, string, IAsyncEnumerable<string>>> OptedInMembers = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, int groupId, string actorAadId) => db.GroupMembers.Where(m => m.GroupId == groupId)
            .Join(db.Set<PersonalOptIn>(), m => m.AadObjectId, o => o.AadObjectId, (m, _) => m.AadObjectId)
            .Where(aad => aad != actorAadId)));

    /// <summary>The channels that have the release's thread.</summary>
    private static readonly CompiledQuery<Func<ReleaseBotDb, int, IAsyncEnumerable<string>>> Threads = new(() => EF.CompileAsyncQuery(
        (ReleaseBotDb db, int releaseId) => db.Set<ReleaseThread>().AsNoTracking().Where(t => t.ReleaseId == releaseId).Select(t => t.Target)));

    private static void Add(ReleaseBotDb db, ReleaseRequest release, ReleaseEvent change, string target, NotificationEvent what, DateTimeOffset now) =>
        db.Outbox.Add(OutboxMessage.About(release, change, target, what, now));
}
