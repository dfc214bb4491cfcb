using ReleaseBot.Domain;

namespace ReleaseBot.Persistence;

/// <summary>
/// How the desk is set up: the flows, the executor groups (names, members, which manage releases) and the solution
/// categories. Read once per turn (<see cref="ReleaseDesk.SetupAsync"/>) and shared by the change and the card that
/// answers it; kept longer only while the database's <see cref="DeskRevision"/> says nothing of it changed.
/// </summary>
public sealed record DeskSetup(IReadOnlyList<ReleaseFlow> Flows, IReadOnlyDictionary<int, string> GroupNames, IReadOnlyList<SolutionCategory> Categories)
{
    /// <summary>The groups of each person, by Entra object id.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<int>> Memberships { get; init; } = new Dictionary<string, IReadOnlySet<int>>();

    /// <summary>The groups whose members are release managers.</summary>
    public IReadOnlySet<int> ManagerGroups { get; init; } = new HashSet<int>();

    private static readonly IReadOnlySet<int> NoGroup = new HashSet<int>();

    /// <summary>Who acts, with the groups they belong to as the desk is set up now.</summary>
    public Actor ActorOf(string aadObjectId, string name)
    {
        var groups = Memberships.GetValueOrDefault(aadObjectId) ?? NoGroup;
        return new Actor(aadObjectId, name, groups, groups.Overlaps(ManagerGroups));
    }

    /// <summary>The flow a new release of the type starts on.</summary>
    public ReleaseFlow FlowFor(string releaseType) => Domain.Flows.For(Flows, releaseType);

    /// <summary>The flow a release follows: the version it started on.</summary>
    public ReleaseFlow FlowOf(ReleaseRequest release) => Domain.Flows.Of(Flows, release);

    public string GroupName(int id) => GroupNames.TryGetValue(id, out var name) ? name : "?";

    /// <summary>The categories a closure may choose now: the retired ones only show where they were chosen.</summary>
    public IReadOnlyList<SolutionCategory> ActiveCategories => [.. Categories.Where(c => c.RetiredAt is null)];

    public SolutionCategory? Category(int? id) => id is null ? null : Categories.FirstOrDefault(c => c.Id == id);
}
