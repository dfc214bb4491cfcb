using ReleaseBot.Domain;

namespace ReleaseBot.Cards;

/// <summary>One occurrence of the execution log in the reader's words, as card text (what people wrote is escaped).</summary>
public static class OccurrenceText
{
    public const int NoteLength = 600;

    public static string Of(CardContext c, ExecutionLogEntry e)
    {
        var t = c.Texts;
        var step = c.StepName(e.StepKey);
        var situation = e.Situation is { } s ? t["situation." + s] : "";
        return e.Occurrence switch
        {
            Occurrence.TaskClaimed => t.Format("occurrence.TaskClaimed", step),
            Occurrence.ExecutionSaved => t.Format("occurrence.ExecutionSaved", step,
                c.CategoryPath(e.SolutionCategoryId) is { } category ? $"{situation} · {category}" : situation),
            Occurrence.FlowAdvanced when e.ToStepKey is null => t.Format("occurrence.FlowEnded", step, situation),
            // Not resolved: the flow goes back for the work to be done again, to the same step or an earlier one.
            Occurrence.FlowAdvanced when e.Situation == ExecutionSituation.NaoResolvida && e.ToStepKey == e.StepKey => t.Format("occurrence.FlowRepeated", step, situation),
            Occurrence.FlowAdvanced when e.Situation == ExecutionSituation.NaoResolvida => t.Format("occurrence.FlowSentBack", step, c.StepName(e.ToStepKey), situation),
            Occurrence.FlowAdvanced => t.Format("occurrence.FlowAdvanced", step, c.StepName(e.ToStepKey), situation),
            Occurrence.ItemLinked => t.Format("occurrence.ItemLinked", PlainText.Escape(e.Subject)),
            Occurrence.Registered => t.Format("occurrence.Registered", step),
            // A note is its own line, in the log card as in a channel's thread: cut there like the log's other texts.
            Occurrence.NoteAdded when e.Subject is { } url => t.Format("occurrence.NoteAdded", $"{PlainText.Escape(PlainText.Cut(e.Text, NoteLength))} ({PlainText.Escape(url)})"),
            Occurrence.NoteAdded => t.Format("occurrence.NoteAdded", PlainText.Escape(PlainText.Cut(e.Text, NoteLength))),
            Occurrence.ItemUnlinked => t.Format("occurrence.ItemUnlinked", PlainText.Escape(e.Subject)),
            Occurrence.Suspended => t.Format("occurrence.Suspended", Why(e)),
            Occurrence.Resumed => t.Format("occurrence.Resumed", step),
            Occurrence.Cancelled => t.Format("occurrence.Cancelled", Why(e)),
            Occurrence.Reopened => t.Format("occurrence.Reopened", step, Why(e)),
            Occurrence.HandedOver => t.Format("occurrence.HandedOver", step, PlainText.Escape(e.Subject)),
            Occurrence.GivenBack => t.Format("occurrence.GivenBack", step),
            Occurrence.Approved or Occurrence.Rejected => t.Format("occurrence." + e.Occurrence, step) + (e.Text is null ? "" : ": " + Why(e)),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.Occurrence, "An occurrence without words."),
        };
    }

    private static string Why(ExecutionLogEntry e) => PlainText.Escape(PlainText.Cut(e.Text, NoteLength));
}
