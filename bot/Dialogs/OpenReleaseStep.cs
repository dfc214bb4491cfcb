using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Dialogs;

/// <summary>
/// "open REL-1001": when the current task waits, unassigned, for one of the user's groups, the user is
/// asked to confirm its assignment; otherwise the release card, with what this user may do now.
/// </summary>
public static class OpenReleaseStep
{
    public static Task<Reply> OpenAsync(Turn turn, string key) =>
        turn.WithReleaseAsync(key, async release => release.MayBeClaimedBy(turn.Actor)
            ? Reply.WithCard(turn.Cards.Assignment(await turn.ContextAsync(release), release))
            : await DetailsAsync(turn, release));

    /// <summary>The release card without the assignment question: where "Back to the release" leads.</summary>
    public static Task<Reply> DetailsAsync(Turn turn, string key) => turn.WithReleaseAsync(key, release => DetailsAsync(turn, release));

    private static async Task<Reply> DetailsAsync(Turn turn, ReleaseRequest release)
    {
        var c = await turn.ContextAsync(release);
        var t = turn.T;
        Notice? notice = release.CurrentTask switch
        {
            null => new Notice(NoticeKind.Information, t.Format("notice.flowEndedInfo", release.Key)),
            { AssigneeName: { } who } task when !task.IsAssignedTo(turn.Actor) =>
                new Notice(NoticeKind.Information, t.Format("notice.assignedTo", release.Key, c.StepName(task.StepKey), who)),
            { IsAssigned: false } task when !release.MayBeClaimedBy(turn.Actor) =>
                new Notice(NoticeKind.Information, t.Format("notice.waitsForGroup", release.Key, c.StepName(task.StepKey), c.Group(task.CandidateGroupId))),
            _ => null,
        };
        return Reply.WithCard(turn.Cards.Release(c, release, notice));
    }
}
