using ReleaseBot.Domain;

namespace ReleaseBot.Persistence;

/// <summary>
/// How the desk is set up: the flows, the executor groups' names and the solution categories. Read once per turn
/// (<see cref="ReleaseDesk.SetupAsync"/>) and shared by the change and the card that answers it; never kept longer.
/// </summary>
public sealed record DeskSetup(IReadOnlyList<ReleaseFlow> Flows, IReadOnlyDictionary<int, string> GroupNames, IReadOnlyList<SolutionCategory> Categories)
{
    /// <summary>The flow a new release of the type starts on.</summary>
    public ReleaseFlow FlowFor(string releaseType) => Domain.Flows.For(Flows, releaseType);

    /// <summary>The flow a release follows: the version it started on.</summary>
    public ReleaseFlow FlowOf(ReleaseRequest release) => Domain.Flows.Of(Flows, release);

    public string GroupName(int id) => GroupNames.TryGetValue(id, out var name) ? name : "?";

    /// <summary>The categories a closure may choose now: the retired ones only show where they were chosen.</summary>
    public IReadOnlyList<SolutionCategory> ActiveCategories => [.. Categories.Where(c => c.RetiredAt is null)];

    public SolutionCategory? Category(int? id) => id is null ? null : Categories.FirstOrDefault(c => c.Id == id);
}
