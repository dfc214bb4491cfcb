namespace ReleaseBot.Domain;

/// <summary>
/// The workflow of a release type, held as data: its ordered steps and where each outcome leads.
/// </summary>
public sealed class ReleaseFlow
{
    public int Id { get; set; }
    /// <summary>The release type this flow serves; "*" is the default flow.</summary>
    public required string ReleaseType { get; set; }
    public List<FlowStep> Steps { get; set; } = [];

    public const string AnyType = "*";

    public FlowStep First => Steps.OrderBy(s => s.Order).First();

    public FlowStep Step(string key) =>
        Steps.FirstOrDefault(s => s.Key == key) ?? throw new InvalidOperationException($"The flow of '{ReleaseType}' has no step '{key}'.");

    public IEnumerable<FlowStep> Ordered => Steps.OrderBy(s => s.Order);
}

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

    public bool AcceptsNotResolved => NextWhenNotResolved is not null;
}

public static class Flows
{
    /// <summary>The flow of a release type: its own, or the default flow.</summary>
    public static ReleaseFlow For(IReadOnlyList<ReleaseFlow> flows, string releaseType) =>
        flows.FirstOrDefault(f => f.ReleaseType == releaseType) ?? flows.Single(f => f.ReleaseType == ReleaseFlow.AnyType);
}
