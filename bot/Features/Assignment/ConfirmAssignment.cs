using ReleaseBot.Cards;
using ReleaseBot.Domain;
using ReleaseBot.Features.Execution;

namespace ReleaseBot.Features.Assignment;

/// <summary>The answer to "Assign task … to you?": Confirm claims the task atomically; Cancel changes nothing.</summary>
public sealed class ConfirmAssignment : IFeature
{
    public const string CancelVerb = "cancel";

    public void Map(Routes routes) => routes
        .Action(ClaimTask.Verb, ClaimTask.From, ConfirmAsync)
        .Action(CancelVerb, ReleaseAction.From, (turn, action) => turn.WithReleaseAsync(action.Release,
            release => turn.ReleaseCardAsync(release, new Notice(NoticeKind.Information, turn.Texts["notice.claimCancelled"]))));

    private static async Task<Reply> ConfirmAsync(Turn turn, ClaimTask claim)
    {
        var change = await turn.Desk.ClaimAsync(claim.Release, turn.Actor, claim.Revision, await turn.SetupAsync(), turn.Cancellation);
        if (change.Release is not { } release) return turn.NotFound(claim.Release);
        if (change.Refusal is { Reason: not RefusalReason.AlreadyYours }) return await turn.RefusedAsync(change, claim.Release);

        var c = await turn.CardContextAsync(release);
        var notice = change.Refusal is { } already
            ? await turn.RefusalNoticeAsync(release, already)
            : new Notice(NoticeKind.Success, turn.Texts.Format("notice.claimed", release.Key, c.StepName(release.CurrentTask!.StepKey)));
        return await ExecuteRelease.FormAsync(turn, release, notice);
    }
}
