using Microsoft.EntityFrameworkCore;
using ReleaseBot.Persistence;

namespace ReleaseBot.Tests.Persistence;

/// <summary>The desk as a file: the demo file imports (twice changes nothing), exports back the same, and a bad file changes nothing.</summary>
public sealed class DeskFileTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(seed: false);
    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    private DeskImport Import(ReleaseBotDb db) => new(db, new DeskEditor(db, database.Clock));

    private async Task<string> SnapshotAsync()
    {
        await using var db = database.NewDb();
        var groups = await db.Groups.AsNoTracking().Include(g => g.Members).OrderBy(g => g.Id).ToListAsync();
        var flows = await db.Flows.AsNoTracking().Include(f => f.Steps).OrderBy(f => f.Id).ToListAsync();
        var categories = await db.SolutionCategories.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        var items = await db.Catalog.AsNoTracking().OrderBy(i => i.Id).ToListAsync();
        return string.Join("\n", groups.Select(g => $"{g.Id} {g.Name} {string.Join(",", g.Members.OrderBy(m => m.Id).Select(m => m.Id + m.AadObjectId))}")
            .Concat(flows.Select(f => $"{f.Id} {f.ReleaseType} v{f.Version} {f.Steps.Count}"))
            .Concat(categories.Select(c => $"{c.Id} {c.Key} {c.ParentId} {c.Name}"))
            .Concat(items.Select(i => $"{i.Id} {i.Kind} {i.Code} {i.Title} {i.Version}")));
    }

    [Fact]
    public async Task The_demo_file_imports_and_importing_it_again_changes_nothing()
    {
        var yaml = await File.ReadAllTextAsync(DemoData.DeskFilePath);
        await using (var db = database.NewDb()) Assert.Empty(await Import(db).ImportAsync(yaml));
        var first = await SnapshotAsync();
        await using (var db = database.NewDb()) Assert.Empty(await Import(db).ImportAsync(yaml));

        Assert.Equal(first, await SnapshotAsync());
        Assert.Contains("Release Engineers", first);
        Assert.Contains("Emergency v1 3", first);
        Assert.Contains("DML-4001 payments-api 2.4.0", first);
    }

    [Fact]
    public async Task An_exported_desk_imports_into_an_empty_database_as_the_same_desk()
    {
        await using (var db = database.NewDb()) await Import(db).ImportAsync(await File.ReadAllTextAsync(DemoData.DeskFilePath));
        string exported;
        await using (var db = database.NewDb()) exported = await Import(db).ExportAsync();
        var before = await SnapshotAsync();

        await using var other = await TestDatabase.CreateAsync(seed: false);
        await using (var db = other.NewDb()) Assert.Empty(await new DeskImport(db, new DeskEditor(db, other.Clock)).ImportAsync(exported));
        await using (var db = other.NewDb()) Assert.Equal(exported, await new DeskImport(db, new DeskEditor(db, other.Clock)).ExportAsync());
        Assert.Contains("releaseType: '*'", exported);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_file_with_problems_names_each_and_imports_nothing()
    {
        const string yaml = """
            groups:
            - name: Night Shift
              members:
              - { aadObjectId: not-an-id, name: Someone }
            flows:
            - releaseType: Hotfix
              steps:
              - { key: build, en: Build, ptBr: Construção, group: Day Shift, next: ship, statusWhenResolved: resolved }
            catalog:
              problems:
              - { externalId: PRB-1, title: "" }
            """;

        await using (var db = database.NewDb())
        {
            var problems = await Import(db).ImportAsync(yaml);
            Assert.Equal(
                ["catalog.problems[0].title: required", "flows[0].steps[0].group: not one of the allowed values, not found, or given twice",
                 "flows[0].steps[0].next: not one of the allowed values, not found, or given twice", "groups[0].members[0].aadObjectId: not an Entra object id or an e-mail address"],
                problems.Order());
        }
        await using (var db = database.NewDb()) Assert.Empty(await db.Groups.ToListAsync());

        await using (var db = database.NewDb())
            Assert.Matches(@"^line \d+, column \d+: ", Assert.Single(await Import(db).ImportAsync("groups: [unclosed")));
        await using (var db = database.NewDb())
            Assert.Single(await Import(db).ImportAsync("teams:\n- name: x\n"));
    }
}
