namespace ReleaseBot.Domain;

/// <summary>
/// A step of a flow as someone enters it: its key, names, candidate group (by name; none: the release's executor group),
/// the step each outcome leads to (none when resolved: the flow ends; none when not resolved: that outcome is not
/// offered), the statuses (machine names: registered, approved, inExecution, …) the release takes, and whether it is an
/// approval (its group's members approve or reject it without claiming it first).
/// </summary>
public sealed record StepEntry(string? Key, string? En, string? PtBr, string? Group, string? Next, string? NextWhenNotResolved,
    string? StatusWhenResolved, string? StatusWhenNotResolved = null, string? StatusWhenClaimed = null, bool Approval = false)
{
    public const int MaxKey = 30;
    public const int MaxName = 100;
}
