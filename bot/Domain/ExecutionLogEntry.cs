using ReleaseBot.Domain.Events;

namespace ReleaseBot.Domain;

/// <summary>
/// One occurrence of the execution log ("Registro de Execução"): who did what, when. Append-only: an entry is
/// written from the event of the change it records, with that change, and nothing changes or removes it.
/// </summary>
public sealed class ExecutionLogEntry
{
    private ExecutionLogEntry()
    {
    }

    public long Id { get; private set; }
    public int ReleaseId { get; private set; }
    /// <summary>The revision of the release this occurrence produced: it orders the log.</summary>
    public int Revision { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorAadId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public Occurrence Occurrence { get; private set; }
    /// <summary>The flow step of the task concerned.</summary>
    public string StepKey { get; private set; } = "";
    /// <summary>Flow advances: the step the release moved to (none when the flow ended).</summary>
    public string? ToStepKey { get; private set; }
    public ExecutionSituation? Situation { get; private set; }
    public int? SolutionCategoryId { get; private set; }
    /// <summary>Links: the item (and role) concerned. Notes: the address they point to, if any. Hand-overs: who took the task.</summary>
    public string? Subject { get; private set; }
    /// <summary>Saves: the execution information written by the executor. Notes: the note. Suspensions, cancellations, reopenings: why.</summary>
    public string? Text { get; private set; }

    /// <summary>The log entry that records an event.</summary>
    public static ExecutionLogEntry Of(ReleaseEvent change)
    {
        var stamp = change.Stamp;
        var entry = new ExecutionLogEntry
        {
            Revision = stamp.Revision,
            At = stamp.At,
            ActorAadId = stamp.ActorAadId,
            ActorName = stamp.ActorName,
            StepKey = stamp.StepKey,
        };
        switch (change)
        {
            case TaskClaimed:
                entry.Occurrence = Occurrence.TaskClaimed;
                break;
            case ExecutionSaved saved:
                entry.Occurrence = Occurrence.ExecutionSaved;
                entry.Situation = saved.Situation;
                entry.SolutionCategoryId = saved.SolutionCategoryId;
                entry.Text = saved.ExecutionInformation;
                break;
            case FlowAdvanced advanced:
                entry.Occurrence = Occurrence.FlowAdvanced;
                entry.Situation = advanced.Outcome;
                entry.ToStepKey = advanced.ToStepKey;
                break;
            case ItemLinked linked:
                entry.Occurrence = Occurrence.ItemLinked;
                entry.Subject = linked.Subject;
                break;
            case ItemUnlinked unlinked:
                entry.Occurrence = Occurrence.ItemUnlinked;
                entry.Subject = unlinked.Subject;
                break;
            case ReleaseRegistered:
                entry.Occurrence = Occurrence.Registered;
                break;
            case NoteAdded note:
                entry.Occurrence = Occurrence.NoteAdded;
                entry.Text = note.Text;
                entry.Subject = note.Url;
                break;
            case ReleaseSuspended suspended:
                entry.Occurrence = Occurrence.Suspended;
                entry.Text = suspended.Reason;
                break;
            case ReleaseResumed:
                entry.Occurrence = Occurrence.Resumed;
                break;
            case ReleaseCancelled cancelled:
                entry.Occurrence = Occurrence.Cancelled;
                entry.Text = cancelled.Reason;
                break;
            case ReleaseReopened reopened:
                entry.Occurrence = Occurrence.Reopened;
                entry.Text = reopened.Reason;
                break;
            case ApprovalDecided decided:
                entry.Occurrence = decided.Approved ? Occurrence.Approved : Occurrence.Rejected;
                entry.Situation = decided.Approved ? ExecutionSituation.Resolvida : ExecutionSituation.NaoResolvida;
                entry.Text = decided.Comment;
                break;
            case TaskHandedOver handedOver:
                entry.Occurrence = handedOver.GivenBack ? Occurrence.GivenBack : Occurrence.HandedOver;
                entry.Subject = handedOver.ToName;
                break;
            default:
                throw new ArgumentException($"No log entry records {change.GetType().Name}.", nameof(change));
        }
        return entry;
    }
}
