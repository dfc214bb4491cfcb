using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Features.Flow;

/// <summary>cards/flow.json: the steps of the release's flow in order, each done (by whom, when), current or pending.</summary>
public static class FlowCard
{
    public const string Template = "flow";

    public sealed record Data(IReadOnlyDictionary<string, string> T, string Key, string Status, bool HasPicture, string Picture, string Page, IReadOnlyList<Step> Steps);

    public sealed record Step(string Name, string Mark, string Color, string Weight, string State, bool HasDetail, string Detail);

    /// <summary>The card; with a public URL, the flow's <paramref name="picture"/> above the list, opening the release's <paramref name="page"/>.</summary>
    public static Card Build(CardLibrary cards, CardContext c, ReleaseRequest release, string? picture = null, string? page = null)
    {
        var t = c.Texts;
        var labels = new Dictionary<string, string>(Labels.Of(t, ("status", "label.status"), ("log", "action.log"), ("back", "action.back")))
        {
            ["title"] = t.Format("flow.title", release.Key),
            ["pictureAlt"] = t.Format("flow.pictureAlt", release.Key),
            ["openPage"] = t["action.openPage"],
        };
        var steps = FlowSteps.Of(c, release).Select(step => step.State switch
        {
            StepState.Current => Row(step, "▶", "Accent", "Bolder", t["flow.current"]),
            StepState.Done => Row(step, "✓", "Good", "Default", t["flow.done"]),
            _ => Row(step, "○", "Default", "Default", t["flow.pending"]),
        }).ToList();
        return cards.Bind(Template, new Data(labels, release.Key, t["status." + release.Status], picture is not null && page is not null, picture ?? "", page ?? "", steps));
    }

    private static Step Row(StepView step, string mark, string color, string weight, string state) =>
        new(PlainText.Escape(step.Name), mark, color, weight, state, step.Detail.Length > 0, PlainText.Escape(step.Detail));
}
