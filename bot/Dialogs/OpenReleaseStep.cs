using ReleaseBot.Cards;

namespace ReleaseBot.Dialogs;

/// <summary>
/// "open REL-1001": when the current task waits, unassigned, for one of the user's groups, the user is
/// asked to confirm its assignment; otherwise the release card, with what this user may do now.
/// </summary>
public static class OpenReleaseStep
{
    public static async Task<Reply> OpenAsync(Turn turn, string key)
    {
        var release = await turn.Desk.FindAsync(key, turn.Cancellation);
        if (release is null) return turn.NotFound(key);
        var c = await turn.ContextAsync(release);
        if (release.MayBeClaimedBy(turn.Actor)) return Reply.WithCard(turn.Cards.Assignment(c, release));

        var t = turn.T;
        Notice? notice = release.CurrentTask switch
        {
            null => new Notice(NoticeKind.Information, t.Format("notice.flowEndedInfo", release.Key)),
            { AssigneeName: { } who } task when !task.IsAssignedTo(turn.Actor) =>
                new Notice(NoticeKind.Information, t.Format("notice.assignedTo", release.Key, c.StepName(task.StepKey), who)),
            { IsAssigned: false } task =>
                new Notice(NoticeKind.Information, t.Format("notice.waitsForGroup", release.Key, c.StepName(task.StepKey), c.Group(task.CandidateGroupId))),
            _ => null,
        };
        return Reply.WithCard(turn.Cards.Release(c, release, notice));
    }
}
