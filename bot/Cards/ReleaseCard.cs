using System.Globalization;
using ReleaseBot.Domain;

namespace ReleaseBot.Cards;

/// <summary>
/// The release card (cards/release.json): what the release is, its closure, its links, and the actions this
/// reader may take now. It answers anything that happened to a release, in chat and in notifications.
/// </summary>
public static class ReleaseCard
{
    public const string Template = "release";
    /// <summary>Refreshes a channel's release card into the reader's own view; sent by Teams, on no button.</summary>
    public const string RefreshVerb = "refresh";

    public sealed record Data(IReadOnlyDictionary<string, string> T, IReadOnlyDictionary<string, string> Ids, int MaxComment, bool CanDecide, string Key, string Title, string Description, int Revision,
        IReadOnlyList<Fact> Facts, bool HasClosure, string ClosureTitle, IReadOnlyList<Fact> Closure, bool HasLinks, IReadOnlyList<LinkRow> Links,
        bool CanClaim, bool CanExecute);

    /// <summary>A link: its <paramref name="Label"/> as card text (a fact), its <paramref name="Choice"/> as the unlink list shows it (plain).</summary>
    public sealed record LinkRow(string Id, string Kind, string Label, string Choice);

    public static Card Build(CardLibrary cards, CardContext c, ReleaseRequest release, Notice? notice = null, Action<System.Text.Json.Utf8JsonWriter>? more = null)
    {
        var t = c.Texts;
        var approval = c.AtApproval(release);
        return cards.Bind(Template, new Data(
            Labels.Of(t, ("linkedItems", "label.linkedItems"), ("nothingLinked", "label.nothingLinked"),
                ("claim", "action.claim"), ("execute", "action.execute"), ("links", "action.links"), ("log", "action.log"), ("flow", "action.flow"), ("more", "action.more"),
                ("comment", "label.comment"), ("approve", "action.approve"), ("reject", "action.reject")),
            // The comment's input changes with the release: a card after a decision starts empty.
            InputIds.Of([release.Key, release.Revision], InputIds.Comment), ReleaseRequest.MaxReasonLength,
            approval && release.WhyNotDecidableBy(c.Reader, release.Revision, c.Flow) is null,
            release.Key, PlainText.Escape(release.Title), PlainText.Escape(release.Description), release.Revision,
            Facts(c, release),
            release.LatestClosure is not null, ClosureTitle(c, release), Closure(c, release),
            release.Links.Count > 0, LinkRows(c, release),
            release.MayBeClaimedBy(c.Reader) && !approval, release.MayBeExecutedBy(c.Reader) && !approval), notice, more);
    }

    /// <summary>
    /// The release card shared where many read it (a channel, a chat it was put in from the compose box): read-only for
    /// everyone, refreshed (Action.Execute "refresh") into each of <paramref name="readers"/>' own view, so the assignee sees
    /// the actions there. <paramref name="c"/> should be for <see cref="Actor.Anyone"/>.
    /// </summary>
    public static Card Shared(CardLibrary cards, CardContext c, ReleaseRequest release, IReadOnlyList<string> readers) =>
        Build(cards, c, release, more: writer =>
        {
            writer.WriteStartObject("refresh");
            writer.WriteStartObject("action");
            writer.WriteString("type", "Action.Execute");
            writer.WriteString("verb", RefreshVerb);
            writer.WriteStartObject("data");
            writer.WriteString("release", release.Key);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartArray("userIds");
            foreach (var user in readers) writer.WriteStringValue(user);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    /// <summary>The facts every card about a release starts with.</summary>
    public static IReadOnlyList<Fact> Facts(CardContext c, ReleaseRequest release)
    {
        var t = c.Texts;
        var facts = new List<Fact> { new(t["label.status"], t["status." + release.Status]) };
        if (release.CurrentTask is { } task)
        {
            facts.Add(new(t["label.currentTask"], c.StepName(task.StepKey)));
            facts.Add(task.AssigneeName is { } who ? new(t["label.assignee"], PlainText.Escape(who)) : new(t["label.waitingFor"], c.Group(task.CandidateGroupId)));
        }
        facts.Add(new(t["label.priority"], release.Priority.ToString(CultureInfo.InvariantCulture)));
        facts.Add(new(t["label.type"], PlainText.Escape(release.Type)));
        facts.Add(new(t["label.version"], PlainText.Escape(release.Version)));
        facts.Add(new(t["label.risk"], t["level." + release.Risk]));
        facts.Add(new(t["label.impact"], $"{t["level." + release.Impact]} · {t["label.urgency"]}: {t["urgency." + release.Urgency]}"));
        facts.Add(new(t["label.planned"], $"{c.When(release.PlannedStart)} – {c.When(release.PlannedEnd)}"));
        facts.Add(new(t["label.requester"], PlainText.Escape(release.RequesterName)));
        facts.Add(new(t["label.executorGroup"], c.Group(release.ExecutorGroupId)));
        return facts;
    }

    /// <summary>The links of the release, by kind, in the reader's language.</summary>
    public static IReadOnlyList<LinkRow> LinkRows(CardContext c, ReleaseRequest release) => release.Links
        .OrderBy(l => l.Kind).ThenBy(l => l.Id)
        .Select(l => new LinkRow(l.Id.ToString(CultureInfo.InvariantCulture), c.Texts["kind." + l.Kind], PlainText.Escape(l.Subject), $"{c.Texts["kind." + l.Kind]} · {l.Subject}"))
        .ToList();

    /// <summary>"Current task: … · Assignee: …", the line under a form's title.</summary>
    public static string TaskLine(CardContext c, ReleaseRequest release) =>
        release.CurrentTask is { } task
            ? $"{c.Texts["label.currentTask"]}: {c.StepName(task.StepKey)} · {c.Texts["label.assignee"]}: {(task.AssigneeName is { } who ? PlainText.Escape(who) : c.Texts["label.unassigned"])}"
            : c.Texts.Format("notice.flowEndedInfo", release.Key);

    /// <summary>"Closure"; before the current task has one, the closure shown is the previous step's, and says so.</summary>
    public static string ClosureTitle(CardContext c, ReleaseRequest release) =>
        release is { LatestClosure: { } closed, CurrentTask: { } current } && closed != current
            ? c.Texts.Format("label.previousClosure", c.StepName(closed.StepKey))
            : c.Texts["label.closure"];

    /// <summary>The latest closure's facts; none before a task was closed.</summary>
    public static IReadOnlyList<Fact> Closure(CardContext c, ReleaseRequest release)
    {
        var t = c.Texts;
        if (release.LatestClosure is not { Situation: { } situation } closed) return [];
        var closure = new List<Fact>
        {
            new(t["label.task"], c.StepName(closed.StepKey)),
            new(t["field.Situation"], t["situation." + situation]),
        };
        if (c.CategoryPath(closed.SolutionCategoryId) is { } category) closure.Add(new(t["field.SolutionCategory"], category));
        if (closed.ReleaseDate is { } date) closure.Add(new(t["field.ReleaseDate"], date.ToString("d", t.Culture)));
        if (closed.ExecutionInformation is { } info) closure.Add(new(t["field.ExecutionInformation"], PlainText.Escape(info)));
        return closure;
    }
}
