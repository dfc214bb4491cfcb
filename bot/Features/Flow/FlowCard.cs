using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Features.Flow;

/// <summary>cards/flow.json: the steps of the release's flow in order, each done (by whom, when), current or pending.</summary>
public static class FlowCard
{
    public const string Template = "flow";

    public sealed record Data(IReadOnlyDictionary<string, string> T, string Key, string Status, IReadOnlyList<Step> Steps);

    public sealed record Step(string Name, string Mark, string Color, string Weight, string State, bool HasDetail, string Detail);

    public static Card Build(CardLibrary cards, CardContext c, ReleaseRequest release)
    {
        var t = c.Texts;
        var current = release.CurrentTask;
        var labels = new Dictionary<string, string>(Labels.Of(t, ("status", "label.status"), ("log", "action.log"), ("back", "action.back")))
        {
            ["title"] = t.Format("flow.title", release.Key),
        };
        var steps = c.Flow.Ordered.Select(step =>
        {
            var name = PlainText.Escape(step.Name.In(t.Language));
            var done = release.Tasks.Where(k => k.StepKey == step.Key && !k.IsOpen).MaxBy(k => k.FinishedAt);
            if (current?.StepKey == step.Key)
                return Row(name, "▶", "Accent", "Bolder", t["flow.current"],
                    current.AssigneeName is { } who ? $"{t["label.assignee"]}: {PlainText.Escape(who)}" : $"{t["label.waitingFor"]}: {c.Group(current.CandidateGroupId)}");
            if (done is not null)
                return Row(name, "✓", "Good", "Default", t["flow.done"], $"{t.Format("flow.doneBy", PlainText.Escape(done.FinishedByName))} · {c.When(done.FinishedAt!.Value)}");
            return Row(name, "○", "Default", "Default", t["flow.pending"], c.Group(step.CandidateGroupId ?? release.ExecutorGroupId));
        }).ToList();
        return cards.Bind(Template, new Data(labels, release.Key, t["status." + release.Status], steps));
    }

    private static Step Row(string name, string mark, string color, string weight, string state, string detail) =>
        new(name, mark, color, weight, state, detail.Length > 0, detail);
}
