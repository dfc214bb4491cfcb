using ReleaseBot.Cards;
using ReleaseBot.Domain;
using ReleaseBot.Features.Assignment;

namespace ReleaseBot.Features.Open;

/// <summary>
/// "open REL-1001": when the current task waits, unassigned, for one of the user's groups, the user is
/// asked to confirm its assignment; otherwise the release card, with what this user may do now.
/// </summary>
public sealed class OpenRelease : IFeature
{
    public const string OpenVerb = "open";
    /// <summary>The release card without the assignment question: where "Back to the release" leads.</summary>
    public const string DetailsVerb = "details";

    public void Map(Routes routes) => routes
        .Command(CommandKind.Open, (turn, key) => ReleaseKey.TryParse(key, out var release) ? OpenAsync(turn, release) : Task.FromResult(NeedsKey(turn, CommandKind.Open, key)))
        .Action(OpenVerb, ReleaseAction.From, (turn, action) => OpenAsync(turn, action.Release))
        .Action(DetailsVerb, ReleaseAction.From, (turn, action) => turn.WithReleaseAsync(action.Release, release => DetailsAsync(turn, release)))
        .Action(ReleaseCard.RefreshVerb, ReleaseAction.From, (turn, action) => turn.WithReleaseAsync(action.Release, release => DetailsAsync(turn, release)), apiOnly: true);

    /// <summary>The answer to a command that needs a release key and got none, or not one.</summary>
    public static Reply NeedsKey(Turn turn, CommandKind kind, string argument) => argument.Length == 0
        ? Reply.WithText(turn.Texts.Format("hint.needsKey", Command.WordFor(kind, turn.Texts.Language)))
        : turn.NotFound(argument);

    public static Task<Reply> OpenAsync(Turn turn, string key) =>
        turn.WithReleaseAsync(key, async release => release.MayBeClaimedBy(turn.Actor) && !(await turn.CardContextAsync(release)).AtApproval(release)
            ? Reply.WithCard(AssignmentCard.Build(turn.Cards, await turn.CardContextAsync(release), release))
            : await DetailsAsync(turn, release));

    private static async Task<Reply> DetailsAsync(Turn turn, ReleaseRequest release)
    {
        var c = await turn.CardContextAsync(release);
        var t = turn.Texts;
        Notice? notice = release.CurrentTask switch
        {
            null => new Notice(NoticeKind.Information, t.Format("notice.flowEndedInfo", release.Key)),
            { AssigneeName: { } who } task when !task.IsAssignedTo(turn.Actor) =>
                new Notice(NoticeKind.Information, t.Format("notice.assignedTo", release.Key, c.StepName(task.StepKey), PlainText.Escape(who))),
            { IsAssigned: false } task when !release.MayBeClaimedBy(turn.Actor) =>
                new Notice(NoticeKind.Information, t.Format("notice.waitsForGroup", release.Key, c.StepName(task.StepKey), c.Group(task.CandidateGroupId))),
            _ => null,
        };
        return await turn.ReleaseCardAsync(release, notice);
    }
}
