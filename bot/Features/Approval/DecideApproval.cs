using ReleaseBot.Cards;

namespace ReleaseBot.Features.Approval;

/// <summary>
/// Approve / Reject (<c>Aprovar</c> / <c>Reprovar</c>) on the card of a release waiting at an approval step: any member of
/// its group decides, with an optional comment, without claiming it first; the first decision wins, a second one
/// meets an old card. The answer is the release card, moved on.
/// </summary>
public sealed class DecideApproval : IFeature
{
    public void Map(Routes routes) => routes
        .Action("approve", Decision.From, (turn, d) => DecideAsync(turn, d, approve: true))
        .Action("reject", Decision.From, (turn, d) => DecideAsync(turn, d, approve: false));

    private static async Task<Reply> DecideAsync(Turn turn, Decision decision, bool approve)
    {
        var change = await turn.Desk.DecideAsync(decision.Release, turn.Actor, decision.Revision, approve, decision.Comment, await turn.SetupAsync(), turn.Cancellation);
        if (change.Release is not { } release) return turn.NotFound(decision.Release);
        if (change.Refusal is not null) return await turn.RefusedAsync(change, decision.Release);
        var c = await turn.CardContextAsync(release);
        var text = release.CurrentTask is { } next
            ? turn.Texts.Format(approve ? "notice.approved" : "notice.rejected", release.Key, c.StepName(next.StepKey))
            : turn.Texts.Format("notice.decidedFlowEnded", release.Key);
        return await turn.ReleaseCardAsync(release, new Notice(NoticeKind.Success, text));
    }

    /// <summary>A click on Approve or Reject: the release, the revision the card showed, and the comment typed.</summary>
    private sealed record Decision(string Release, int Revision, string? Comment)
    {
        public static Decision? From(CardActionData data) =>
            data.Release is { } release && data.Revision is { } revision ? new(release, revision, data.Input(InputIds.Comment)) : null;
    }
}
