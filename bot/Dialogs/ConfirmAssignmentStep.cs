using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Dialogs;

/// <summary>The answer to "Assign task … to you?": Confirm claims the task atomically; Cancel changes nothing.</summary>
public static class ConfirmAssignmentStep
{
    public static async Task<Reply> ConfirmAsync(Turn turn, string key, int seenRevision)
    {
        var change = await turn.Desk.ClaimAsync(key, turn.Actor, seenRevision, turn.Cancellation);
        if (change.Release is not { } release) return turn.NotFound(key);
        if (change.Refusal is { Reason: not RefusalReason.AlreadyYours } refusal) return await turn.RefusedAsync(release, refusal, key);

        var c = await turn.ContextAsync(release);
        var notice = change.Refusal is { } already
            ? await turn.RefusalNoticeAsync(release, already)
            : new Notice(NoticeKind.Success, turn.T.Format("notice.claimed", release.Key, c.StepName(release.CurrentTask!.StepKey)));
        return await ExecutionFormStep.FormAsync(turn, release, notice);
    }

    public static Task<Reply> CancelAsync(Turn turn, string key) =>
        turn.WithReleaseAsync(key, release => turn.ReleaseCardAsync(release, new Notice(NoticeKind.Information, turn.T["notice.claimCancelled"])));
}
