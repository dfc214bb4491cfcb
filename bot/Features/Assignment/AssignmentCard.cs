using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Features.Assignment;

/// <summary>cards/assignment.json: "Assign task … to you?", with Confirm and Cancel.</summary>
public static class AssignmentCard
{
    public const string Template = "assignment";

    public sealed record Data(IReadOnlyDictionary<string, string> T, string Key, string Title, int Revision, IReadOnlyList<Fact> Facts);

    public static Card Build(CardLibrary cards, CardContext c, ReleaseRequest release, Notice? notice = null)
    {
        var t = c.Texts;
        var labels = new Dictionary<string, string>
        {
            ["question"] = t.Format("confirm.question", release.Key, c.StepName(release.CurrentTask!.StepKey)),
            ["detail"] = t["confirm.detail"],
            ["confirm"] = t["action.confirm"],
            ["cancel"] = t["action.cancel"],
        };
        return cards.Bind(Template, new Data(labels, release.Key, PlainText.Escape(release.Title), release.Revision, ReleaseCard.Facts(c, release)), notice);
    }
}
