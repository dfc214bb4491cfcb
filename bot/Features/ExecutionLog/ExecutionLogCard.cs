using ReleaseBot.Cards;
using ReleaseBot.Domain;
using ReleaseBot.Persistence;

namespace ReleaseBot.Features.ExecutionLog;

/// <summary>cards/execution-log.json: a page of the execution log, newest first: who, when, what.</summary>
public static class ExecutionLogCard
{
    public const string Template = "execution-log";

    /// <summary>A page of long execution records would not fit in a Teams card; the log shows their start.</summary>
    public const int LogTextLength = 600;

    public sealed record Data(IReadOnlyDictionary<string, string> T, string Key, string PageText, bool HasEntries, IReadOnlyList<Entry> Entries,
        bool HasNewer, int NewerPage, bool HasOlder, int OlderPage);

    public sealed record Entry(string Who, string At, string What, bool HasText, string Text);

    public static Card Build(CardLibrary cards, CardContext c, ReleaseRequest release, LogPage page)
    {
        var t = c.Texts;
        var labels = new Dictionary<string, string>(Labels.Of(t, ("empty", "log.empty"), ("newer", "action.newer"), ("older", "action.older"), ("back", "action.back")))
        {
            ["title"] = t.Format("log.title", release.Key),
        };
        return cards.Bind(Template, new Data(labels, release.Key, t.Format("list.page", page.Page, page.PageCount), page.Entries.Count > 0,
            page.Entries.Select(e => new Entry(PlainText.Escape(e.ActorName), c.When(e.At), OccurrenceText.Of(c, e), e.Text is not null && e.Occurrence != Occurrence.NoteAdded,
                PlainText.Escape(PlainText.Cut(e.Text, LogTextLength)))).ToList(),
            page.Page > 1, page.Page - 1, page.Page < page.PageCount, page.Page + 1));
    }
}
