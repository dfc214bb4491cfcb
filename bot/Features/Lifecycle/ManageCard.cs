using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Features.Lifecycle;

/// <summary>
/// cards/manage.json: a release's other actions, only those the reader may take now: a note (anyone), hand over the task
/// or give it back to its group (its holder, a release manager), suspend, resume, reopen or cancel (release managers; cancel also the
/// requester before execution), with the text and choices they take.
/// </summary>
public static class ManageCard
{
    public const string Template = "manage";

    public sealed record Data(IReadOnlyDictionary<string, string> T, IReadOnlyDictionary<string, string> Ids, string Key, int Revision, string StatusLine,
        int MaxText, bool CanHandOver, bool CanSuspend, bool CanResume, bool CanReopen, bool CanCancel,
        IReadOnlyList<Choice> Steps, IReadOnlyList<Choice> Members);

    public sealed record Choice(string Title, string Value);

    /// <summary>The choice, among the people to hand the task over to, that gives it back to its group unassigned.</summary>
    public const string BackToTheGroup = "group";

    /// <summary>A person the task may be handed to.</summary>
    public sealed record Member(string AadObjectId, string Name);

    public static Card Build(CardLibrary cards, CardContext c, ReleaseRequest release, IReadOnlyList<Member> members, Notice? notice = null)
    {
        var t = c.Texts;
        var reader = c.Reader;
        var labels = new Dictionary<string, string>(Labels.Of(t, ("reason", "manage.reason"), ("reasonPlaceholder", "manage.reasonPlaceholder"),
            ("step", "manage.step"), ("member", "manage.member"), ("choose", "form.choose"), ("note", "action.addNote"), ("handOver", "action.handOver"),
            ("suspend", "action.suspend"), ("resume", "action.resume"), ("reopen", "action.reopen"),
            ("cancelRelease", "action.cancelRelease"), ("back", "action.back")))
        {
            ["title"] = t.Format("manage.title", release.Key, PlainText.Escape(release.Title)),
        };
        var revision = release.Revision;
        var others = release.CurrentTask is { } task ? members.Where(m => m.AadObjectId != task.AssigneeAadId).ToList() : [];
        var canGiveBack = release.WhyNotGivenBackBy(reader, revision) is null;
        // Giving the task back is one more choice of whom to hand it to: a card shows at most five buttons.
        List<Choice> handTo = [.. canGiveBack ? [new Choice(t["manage.backToGroup"], BackToTheGroup)] : Array.Empty<Choice>(),
            .. others.Select(m => new Choice(PlainText.Escape(m.Name), m.AadObjectId))];
        var canHandOver = release.WhyNotHandedOnBy(reader, revision) is null && handTo.Count > 0;
        var canReopen = release.WhyNotReopenableBy(reader, revision) is null;
        // The lists change with the release (the revision): each card gets inputs of its own.
        var ids = InputIds.Of([release.Key, revision], InputIds.Reason, InputIds.Step, InputIds.Member);
        return cards.Bind(Template, new Data(labels, ids, release.Key, revision,
            $"{t["label.status"]}: {t["status." + release.Status]} · {ReleaseCard.TaskLine(c, release)}",
            Math.Max(ReleaseRequest.MaxNoteLength, ReleaseRequest.MaxReasonLength),
            canHandOver,
            release.WhyNotSuspendableBy(reader, revision) is null,
            release.WhyNotResumableBy(reader, revision) is null,
            canReopen,
            release.WhyNotCancellableBy(reader, revision) is null,
            canReopen ? [.. c.Flow.Ordered.Select(s => new Choice(c.StepName(s.Key), s.Key))] : [],
            canHandOver ? handTo : []), notice);
    }
}
