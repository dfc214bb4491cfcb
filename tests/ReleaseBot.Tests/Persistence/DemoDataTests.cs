using Microsoft.EntityFrameworkCore;
using ReleaseBot.Persistence;
using ReleaseBot.Domain;

namespace ReleaseBot.Tests.Persistence;

public class DemoDataTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task There_are_at_least_a_dozen_releases_with_unique_keys()
    {
        await using var db = database.NewDb();
        var keys = await db.Releases.Select(r => r.Key).ToListAsync();

        Assert.True(keys.Count >= 12, $"{keys.Count} releases");
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(Enumerable.Range(1001, 12), n => Assert.Contains($"REL-{n}", keys));
    }

    [Fact]
    public async Task REL_1001_waits_unassigned_in_execution_for_the_release_engineers()
    {
        var release = await database.ReleaseAsync("REL-1001");
        var engineers = await database.GroupIdAsync("Release Engineers");

        var task = Assert.Single(release.Tasks, t => t.IsOpen);
        Assert.Equal("execucao", task.StepKey);
        Assert.Equal(engineers, task.CandidateGroupId);
        Assert.Equal(engineers, release.ExecutorGroupId);
        Assert.False(task.IsAssigned);
        Assert.True(release.MayBeClaimedBy(await database.ActorAsync(DemoData.AlexWilber, "Alex Wilber")));
    }

    [Fact]
    public async Task Alex_and_Megan_are_release_engineers_and_Adele_is_in_no_group()
    {
        var engineers = await database.GroupIdAsync("Release Engineers");

        var alex = await database.ActorAsync(DemoData.AlexWilber, "Alex Wilber");
        var megan = await database.ActorAsync(DemoData.MeganBowen, "Megan Bowen");
        var adele = await database.ActorAsync(DemoData.AdeleVance, "Adele Vance");

        Assert.Equal("00000000-0000-0000-0000-0000000000020", DemoData.AlexWilber);
        Assert.Equal("00000000-0000-0000-0000-0000000000021", DemoData.MeganBowen);
        Assert.Equal("00000000-0000-0000-0000-0000000000022", DemoData.AdeleVance);
        Assert.True(alex.IsMemberOf(engineers));
        Assert.True(megan.IsMemberOf(engineers));
        Assert.Empty(adele.GroupIds);
    }

    [Fact]
    public async Task Every_catalog_has_at_least_five_items_and_categories_nest()
    {
        await using var db = database.NewDb();
        var kinds = await db.Catalog.GroupBy(i => i.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var categories = await db.SolutionCategories.ToListAsync();

        Assert.All(Enum.GetValues<CatalogKind>(), kind => Assert.True(kinds.SingleOrDefault(k => k.Key == kind)?.Count >= 5, $"{kind}: fewer than 5 items"));
        Assert.All(await db.Catalog.Where(i => i.Kind == CatalogKind.DefinitiveMedia).ToListAsync(), item => Assert.False(string.IsNullOrEmpty(item.Version)));
        var children = categories.Where(c => c.ParentId is not null).ToList();
        Assert.NotEmpty(children);
        Assert.All(children, c => Assert.Contains(categories, p => p.Id == c.ParentId && p.ParentId is null));
        Assert.Contains(categories, c => c.ParentId is null && children.Any(child => child.ParentId == c.Id));
    }

    [Fact]
    public async Task The_default_flow_is_the_six_steps_of_a_release()
    {
        await using var db = database.NewDb();
        var desk = new ReleaseDesk(db, database.Clock);

        var setup = await desk.SetupAsync();
        var flow = setup.FlowFor("Standard");

        Assert.Equal(ReleaseFlow.AnyType, flow.ReleaseType);
        Assert.Equal(["registro", "autorizacao", "execucao", "teste", "homologacao", "encerramento"], flow.Ordered.Select(s => s.Key));
        var execution = flow.Step("execucao");
        Assert.Null(execution.CandidateGroupId);
        Assert.Equal(ReleaseStatus.EmExecucao, execution.StatusWhenClaimed);
        Assert.Equal("execucao", execution.NextWhenNotResolved);
        Assert.Equal("teste", execution.NextWhenResolved);
        Assert.Null(flow.Step("encerramento").NextWhenResolved);
        Assert.Equal(ReleaseStatus.Fechada, flow.Step("encerramento").StatusWhenResolved);
        Assert.Equal("Emergency", setup.FlowFor("Emergency").ReleaseType);
    }

    [Fact]
    public async Task The_releases_got_where_they_are_by_walking_the_domain()
    {
        await using var db = database.NewDb();
        var releases = await db.Releases.Include(r => r.Tasks).Include(r => r.Log).AsSplitQuery().ToListAsync();

        Assert.All(releases, release =>
        {
            // Every change bumped the revision once and wrote one entry.
            Assert.Equal(release.Log.Count, release.Revision);
            if (release.Status == ReleaseStatus.Fechada) Assert.DoesNotContain(release.Tasks, t => t.IsOpen);
            else Assert.Single(release.Tasks, t => t.IsOpen);
        });
        var megans = releases.Single(r => r.Key == "REL-1002");
        Assert.Equal(DemoData.MeganBowen, Assert.Single(megans.Tasks, t => t.IsOpen).AssigneeAadId);
        Assert.Equal(ReleaseStatus.EmExecucao, megans.Status);
        Assert.Contains(releases, r => r.Status == ReleaseStatus.Fechada);
    }

    [Fact]
    public async Task Seeding_again_adds_nothing()
    {
        await using var db = database.NewDb();
        async Task<int[]> CountAsync() =>
        [
            await db.Releases.CountAsync(), await db.Tasks.CountAsync(), await db.Groups.CountAsync(), await db.GroupMembers.CountAsync(),
            await db.Flows.CountAsync(), await db.SolutionCategories.CountAsync(), await db.Catalog.CountAsync(), await db.ExecutionLog.CountAsync(),
        ];
        var before = await CountAsync();

        await DemoData.SeedIfEmptyAsync(db, database.Clock);
        await using (var other = database.NewDb()) await DemoData.SeedIfEmptyAsync(other, database.Clock);

        Assert.Equal(before, await CountAsync());
        Assert.All(before, count => Assert.True(count > 0));
    }
}
