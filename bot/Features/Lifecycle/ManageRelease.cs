using ReleaseBot.Cards;
using ReleaseBot.Domain;
using ReleaseBot.Domain.Events;
using ReleaseBot.Persistence;

namespace ReleaseBot.Features.Lifecycle;

/// <summary>
/// A release's other actions ("More…" on the release card): add a note, hand over the task or give it back, suspend, resume,
/// reopen or cancel the release. A change answers with the release card and what happened; a refusal for what was typed
/// or chosen keeps the card of actions, with the reason; any other refusal shows the release as it is now.
/// </summary>
public sealed class ManageRelease : IFeature
{
    public const string Verb = "manage";

    public void Map(Routes routes) => routes
        .Action(Verb, ReleaseAction.From, (turn, action) => turn.WithReleaseAsync(action.Release, release => CardAsync(turn, release)))
        .Action("note", LifecycleAction.From, (turn, a) => ChangedAsync(turn, a, turn.Desk.AddNoteAsync(a.Release, turn.Actor, a.Text, null, turn.Cancellation)))
        .Action("handOver", LifecycleAction.From, (turn, a) => a.Member switch
        {
            null => AskAsync(turn, a, "manage.chooseMember"),
            ManageCard.BackToTheGroup => ChangedAsync(turn, a, turn.Desk.GiveBackAsync(a.Release, turn.Actor, a.Revision, turn.Cancellation)),
            var member => ChangedAsync(turn, a, turn.Desk.HandOverAsync(a.Release, turn.Actor, a.Revision, member, turn.Cancellation)),
        })
        .Action("suspend", LifecycleAction.From, (turn, a) => ChangedAsync(turn, a, turn.Desk.SuspendAsync(a.Release, turn.Actor, a.Revision, a.Text, turn.Cancellation)))
        .Action("resume", LifecycleAction.From, (turn, a) => ChangedAsync(turn, a, turn.Desk.ResumeAsync(a.Release, turn.Actor, a.Revision, turn.Cancellation)))
        .Action("cancelRelease", LifecycleAction.From, (turn, a) => ChangedAsync(turn, a, turn.Desk.CancelAsync(a.Release, turn.Actor, a.Revision, a.Text, turn.Cancellation)))
        .Action("reopen", LifecycleAction.From, async (turn, a) => a.Step is { } step
            ? await ChangedAsync(turn, a, turn.Desk.ReopenAsync(a.Release, turn.Actor, a.Revision, step, a.Text, await turn.SetupAsync(), turn.Cancellation))
            : await AskAsync(turn, a, "manage.chooseStep"));

    private static async Task<Reply> CardAsync(Turn turn, ReleaseRequest release, Notice? notice = null)
    {
        turn.ReleaseInHand = release.Key;
        var members = release.CurrentTask is { } task ? await turn.Desk.MembersAsync(task.CandidateGroupId, turn.Cancellation) : [];
        return Reply.WithCard(ManageCard.Build(turn.Cards, await turn.CardContextAsync(release),
            release, [.. members.Select(m => new ManageCard.Member(m.AadObjectId, m.Name))], notice));
    }

    /// <summary>A button that needs a choice first: the card again, saying which.</summary>
    private static Task<Reply> AskAsync(Turn turn, LifecycleAction action, string text) =>
        turn.WithReleaseAsync(action.Release, release => CardAsync(turn, release, new Notice(NoticeKind.Refusal, turn.Texts[text])));

    private static async Task<Reply> ChangedAsync(Turn turn, LifecycleAction action, Task<Change> changing)
    {
        var change = await changing;
        if (change.Release is not { } release) return turn.NotFound(action.Release);
        if (change.Refusal is { Reason: RefusalReason.InvalidReason or RefusalReason.InvalidNote or RefusalReason.UnknownStep or RefusalReason.NotInTaskGroup } typed)
            return await CardAsync(turn, release, await turn.RefusalNoticeAsync(release, typed));
        if (change.Refusal is not null) return await turn.RefusedAsync(change, action.Release);

        var c = await turn.CardContextAsync(release);
        var step = release.CurrentTask is { } task ? c.StepName(task.StepKey) : "";
        var t = turn.Texts;
        var text = change.Events.Single() switch
        {
            NoteAdded => t.Format("notice.noteAdded", release.Key),
            ReleaseSuspended => t.Format("notice.suspended", release.Key),
            ReleaseResumed => t.Format("notice.resumed", release.Key, step),
            ReleaseCancelled => t.Format("notice.cancelled", release.Key),
            ReleaseReopened => t.Format("notice.reopened", release.Key, step),
            TaskHandedOver { ToName: { } to } => t.Format("notice.handedOver", release.Key, step, PlainText.Escape(to)),
            TaskHandedOver => t.Format("notice.givenBack", release.Key, step),
            var other => throw new InvalidOperationException($"A release's other action changed it by {other.GetType().Name}."),
        };
        return await turn.ReleaseCardAsync(release, new Notice(NoticeKind.Success, text));
    }
}
