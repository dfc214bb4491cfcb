using ReleaseBot.Cards;
using ReleaseBot.Localization;
using ReleaseBot.Persistence;

namespace ReleaseBot.Features.ReleaseList;

/// <summary>cards/release-list.json: a page of releases, one line each, with a chooser and paging buttons. Its title is card text.</summary>
public static class ReleaseListCard
{
    public const string Template = "release-list";

    public sealed record Data(IReadOnlyDictionary<string, string> T, IReadOnlyDictionary<string, string> Ids, string FirstKey, string Title, IReadOnlyList<Row> Releases,
        bool HasReleases, bool HasPages, string PageText, string PageVerb, string Query,
        bool HasPrevious, int PreviousPage, bool HasNext, int NextPage);

    /// <summary>A release: its <paramref name="Title"/> and <paramref name="Line"/> as card text, its <paramref name="Choice"/> as the chooser shows it (plain).</summary>
    public sealed record Row(string Key, string Title, string Line, string Choice);

    public static Card Build(CardLibrary cards, Texts t, DeskSetup setup, string title, string emptyText, ReleasePage page, string pageVerb, string query)
    {
        var labels = new Dictionary<string, string>
        {
            ["empty"] = emptyText,
            ["open"] = t["action.open"],
            ["choose"] = t["list.choose"],
            ["previous"] = t["action.previous"],
            ["next"] = t["action.next"],
        };
        var rows = page.Releases.Select(r =>
        {
            var parts = new List<string> { t["status." + r.Status] };
            if (r.CurrentTask is { } task)
            {
                parts.Add(PlainText.Escape(setup.FlowOf(r).Step(task.StepKey).Name.In(t.Language)));
                parts.Add(PlainText.Escape(task.AssigneeName ?? $"{t["label.waitingFor"]} {setup.GroupName(task.CandidateGroupId)}"));
            }
            parts.Add($"{t["label.priority"]} {r.Priority}");
            return new Row(r.Key, PlainText.Escape(r.Title), string.Join(" · ", parts), $"{r.Key} · {r.Title}");
        }).ToList();
        // The chooser's options are this page's releases: another page, or another search, is another chooser.
        var ids = InputIds.Of([pageVerb, query, page.Page, .. page.Releases.Select(r => r.Key)], InputIds.Release);
        return cards.Bind(Template, new Data(labels, ids, page.Releases.FirstOrDefault()?.Key ?? "", title, rows,
            rows.Count > 0, page.PageCount > 1, t.Format("list.page", page.Page, page.PageCount), pageVerb, query,
            page.Page > 1, page.Page - 1, page.Page < page.PageCount, page.Page + 1));
    }
}
