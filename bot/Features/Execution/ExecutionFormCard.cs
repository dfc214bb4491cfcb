using System.Globalization;
using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Features.Execution;

/// <summary>cards/execution-form.json: the closing area of the current task, with Save and keep / Save and advance.</summary>
public static class ExecutionFormCard
{
    public const string Template = "execution-form";

    /// <summary>A dropdown shows this much of a category's path; a longer path gives way to "…" from its top.</summary>
    public const int MaxCategoryTitle = 40;

    public sealed record Data(IReadOnlyDictionary<string, string> T, IReadOnlyDictionary<string, string> Ids, string Key, string Title, int Revision,
        string TaskLine, int MaxInformation, IReadOnlyList<Choice> Situations, IReadOnlyList<Choice> Categories, Fields Form);

    public sealed record Choice(string Title, string Value);

    /// <summary>The values the inputs start with: what was saved, or what was just typed.</summary>
    public sealed record Fields(string Situation, string Category, string Information, string ReleaseDate);

    public static Card Build(CardLibrary cards, CardContext c, ReleaseRequest release, DateOnly today, ClosureForm? typed = null, Notice? notice = null)
    {
        var t = c.Texts;
        var task = release.CurrentTask!;
        var situations = new List<ExecutionSituation> { ExecutionSituation.Resolvida };
        if (c.Flow.Step(task.StepKey).AcceptsNotResolved) situations.Add(ExecutionSituation.NaoResolvida);
        situations.Add(ExecutionSituation.EmExecucao);
        var form = typed is not null
            ? new Fields(typed.Situation ?? "", typed.SolutionCategoryId ?? "", typed.ExecutionInformation ?? "", typed.ReleaseDate ?? "")
            : new Fields(task.Situation?.ToString() ?? "", task.SolutionCategoryId?.ToString(CultureInfo.InvariantCulture) ?? "",
                task.ExecutionInformation ?? "", (task.ReleaseDate ?? today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return cards.Bind(Template, new Data(
            Labels.Of(t, ("closure", "label.closure"), ("situation", "field.Situation"), ("category", "field.SolutionCategory"),
                ("information", "field.ExecutionInformation"), ("releaseDate", "field.ReleaseDate"), ("choose", "form.choose"),
                ("informationPlaceholder", "form.informationPlaceholder"), ("saveKeep", "action.saveKeep"), ("saveAdvance", "action.saveAdvance"),
                ("links", "action.links"), ("log", "action.log"), ("flow", "action.flow"), ("back", "action.back")),
            InputIds.Of([release.Key, release.Revision], InputIds.Situation, InputIds.Category, InputIds.Information, InputIds.ReleaseDate),
            release.Key, PlainText.Escape(release.Title), release.Revision, ReleaseCard.TaskLine(c, release), ClosureForm.MaxExecutionInformation,
            situations.Select(s => new Choice(t["situation." + s], s.ToString())).ToList(),
            c.Setup.ActiveCategories.Select(k => new Choice(CategoryTitle(k, t.Language), k.Id.ToString(CultureInfo.InvariantCulture))).ToList(),
            form), notice);
    }

    /// <summary>
    /// A category as the dropdown lists it (plain text): its path, "Deployed with reservations › Degraded performance";
    /// when that does not fit, the top levels give way to "…", down to "… › leaf".
    /// </summary>
    public static string CategoryTitle(SolutionCategory category, string language)
    {
        var names = new List<string>();
        for (var k = category; k is not null; k = k.Parent) names.Insert(0, k.Name.In(language));
        var title = string.Join(" › ", names);
        for (var skip = 1; title.Length > MaxCategoryTitle && skip < names.Count; skip++) title = "… › " + string.Join(" › ", names.Skip(skip));
        return title;
    }
}
