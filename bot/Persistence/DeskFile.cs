using ReleaseBot.Domain;

namespace ReleaseBot.Persistence;

/// <summary>
/// The desk as one YAML file (see <c>bot/desk.demo.yaml</c>): executor groups with their members, flows, solution
/// categories and catalogs. Validated as the API validates, applied in one transaction, and written back by <c>export</c>.
/// </summary>
public sealed class DeskFile
{
    public List<GroupPart> Groups { get; set; } = [];
    public List<FlowPart> Flows { get; set; } = [];
    /// <summary>The whole tree when given (categories left out are deleted or retired); absent, the categories stay as they are.</summary>
    public List<CategoryPart>? SolutionCategories { get; set; }
    public CatalogPart Catalog { get; set; } = new();

    public sealed class GroupPart
    {
        public string? Name { get; set; }
        /// <summary>Its members are release managers.</summary>
        public bool ManagesReleases { get; set; }
        public List<MemberPart> Members { get; set; } = [];
    }

    public sealed class MemberPart
    {
        public string? AadObjectId { get; set; }
        public string? Name { get; set; }
        public string? Email { get; set; }
    }

    public sealed class FlowPart
    {
        public string? ReleaseType { get; set; }
        public List<StepPart> Steps { get; set; } = [];
    }

    public sealed class StepPart
    {
        public string? Key { get; set; }
        public string? En { get; set; }
        public string? PtBr { get; set; }
        public string? Group { get; set; }
        public string? Next { get; set; }
        public string? NextWhenNotResolved { get; set; }
        public string? StatusWhenResolved { get; set; }
        public string? StatusWhenNotResolved { get; set; }
        public string? StatusWhenClaimed { get; set; }
        public bool Approval { get; set; }
    }

    public sealed class CategoryPart
    {
        public string? Key { get; set; }
        public string? En { get; set; }
        public string? PtBr { get; set; }
        public string? Parent { get; set; }
    }

    public sealed class CatalogPart
    {
        public List<ItemPart> Problems { get; set; } = [];
        public List<ItemPart> Knowledge { get; set; } = [];
        public List<ItemPart> Media { get; set; } = [];
        public List<ItemPart> People { get; set; } = [];
    }

    public sealed class ItemPart
    {
        public string? ExternalId { get; set; }
        public string? Title { get; set; }
        public string? Version { get; set; }
        public string? Location { get; set; }
        public string? Email { get; set; }
        public string? AadObjectId { get; set; }
    }

    public IEnumerable<(string Name, IReadOnlyList<MemberEntry> Members, bool ManagesReleases)> GroupEntries() =>
        Groups.Select(g => (g.Name?.Trim() ?? "", (IReadOnlyList<MemberEntry>)[.. g.Members.Select(m => new MemberEntry(m.AadObjectId, m.Name, m.Email))], g.ManagesReleases));

    public IEnumerable<(string ReleaseType, FlowDefinition Definition)> FlowEntries() =>
        Flows.Select(f => (f.ReleaseType?.Trim() ?? "", new FlowDefinition([.. f.Steps.Select(s => (StepEntry?)new StepEntry(s.Key, s.En, s.PtBr, s.Group, s.Next,
            s.NextWhenNotResolved, s.StatusWhenResolved, s.StatusWhenNotResolved, s.StatusWhenClaimed, s.Approval))])));

    public IReadOnlyList<CategoryEntry> CategoryEntries() => [.. (SolutionCategories ?? []).Select(c => new CategoryEntry(c.Key, c.En, c.PtBr, c.Parent))];

    public IEnumerable<CatalogEntry> CatalogEntries() => Catalogs().SelectMany(c => c.Items.Select(i => Entry(c.Kind, i)));

    private IEnumerable<(string Name, CatalogKind Kind, List<ItemPart> Items)> Catalogs() =>
    [
        ("problems", CatalogKind.Problem, Catalog.Problems),
        ("knowledge", CatalogKind.Knowledge, Catalog.Knowledge),
        ("media", CatalogKind.DefinitiveMedia, Catalog.Media),
        ("people", CatalogKind.Person, Catalog.People),
    ];

    private static CatalogEntry Entry(CatalogKind kind, ItemPart i) => new(kind, i.ExternalId, i.Title, i.Version, i.Location, i.Email, i.AadObjectId);

    /// <summary>Every problem of the file, named by where it is ("flows[1].steps[0].next"); the groups a flow names may be the file's or the desk's.</summary>
    public IReadOnlyList<FieldError> Validate(IReadOnlyCollection<string> desksGroups)
    {
        var errors = new List<FieldError>();
        var groups = GroupEntries().ToList();
        for (var i = 0; i < groups.Count; i++)
        {
            Input.Text(groups[i].Name, 100, required: true, out var problem);
            if (problem is { } p) errors.Add(new($"groups[{i}].name", p));
            errors.AddRange(groups[i].Members.SelectMany((m, j) => m.Validate($"groups[{i}].members[{j}]")));
        }
        var groupNames = desksGroups.Concat(groups.Select(g => g.Name)).ToList();
        var flows = FlowEntries().ToList();
        for (var i = 0; i < flows.Count; i++)
        {
            Input.Text(flows[i].ReleaseType, Registration.MaxShort, required: true, out var problem);
            if (problem is { } p) errors.Add(new($"flows[{i}].releaseType", p));
            errors.AddRange(flows[i].Definition.Validate(groupNames).Select(e => e with { Field = $"flows[{i}].{e.Field}" }));
        }
        errors.AddRange(CategoryEntry.Validate(CategoryEntries()).Select(e => e with { Field = "solutionCategories" + e.Field["categories".Length..] }));
        foreach (var (name, kind, items) in Catalogs())
            for (var i = 0; i < items.Count; i++)
                errors.AddRange(Entry(kind, items[i]).Validate().Select(e => e with { Field = $"catalog.{name}[{i}].{e.Field}" }));
        return errors;
    }
}
