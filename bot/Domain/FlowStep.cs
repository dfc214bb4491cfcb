namespace ReleaseBot.Domain;

/// <summary>
/// One step of a flow. A step whose candidate group is empty waits for the release's executor group.
/// Advancing as resolved goes to <see cref="NextWhenResolved"/> (none: the flow ends); advancing as
/// not resolved goes to <see cref="NextWhenNotResolved"/>, and is not offered where that is empty.
/// </summary>
public sealed class FlowStep
{
    public int Id { get; set; }
    public int FlowId { get; set; }
    public required string Key { get; set; }
    public int Order { get; set; }
    public required LocalizedText Name { get; set; }
    public int? CandidateGroupId { get; set; }
    /// <summary>The status the release takes when the task of this step is claimed, if any.</summary>
    public ReleaseStatus? StatusWhenClaimed { get; set; }
    public string? NextWhenResolved { get; set; }
    public ReleaseStatus StatusWhenResolved { get; set; }
    public string? NextWhenNotResolved { get; set; }
    public ReleaseStatus? StatusWhenNotResolved { get; set; }
    /// <summary>An approval: its group's members approve (resolved) or reject (not resolved) it, without claiming it first.</summary>
    public bool IsApproval { get; set; }

    public bool AcceptsNotResolved => NextWhenNotResolved is not null;
}
