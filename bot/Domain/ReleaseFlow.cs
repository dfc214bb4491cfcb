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
    /// <summary>Each change of a type's flow is a new version; releases keep the version they started with.</summary>
    public int Version { get; set; } = 1;
    /// <summary>When a newer version replaced it: new releases no longer start on it.</summary>
    public DateTimeOffset? SupersededAt { get; set; }

    public const string AnyType = "*";

    public FlowStep First => Steps.OrderBy(s => s.Order).First();

    public FlowStep Step(string key) =>
        Steps.FirstOrDefault(s => s.Key == key) ?? throw new InvalidOperationException($"The flow of '{ReleaseType}' has no step '{key}'.");

    public IEnumerable<FlowStep> Ordered => Steps.OrderBy(s => s.Order);

    /// <summary>The status a release has when its flow arrives at the step: the one its resolved predecessor gives, or registered for the first.</summary>
    public ReleaseStatus StatusOnArrivalAt(string key) =>
        key == First.Key ? ReleaseStatus.Registrada
        : Ordered.FirstOrDefault(s => s.NextWhenResolved == key)?.StatusWhenResolved ?? ReleaseStatus.Registrada;
}
