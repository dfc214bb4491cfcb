using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;
using ReleaseBot.Persistence;

namespace ReleaseBot.Tests.Persistence;

/// <summary>
/// The desk's setup is read again only when it changed: a change saved through any context (another instance's too)
/// counts a revision in its own transaction, and the next turn anywhere sees it.
/// </summary>
public sealed class DeskSetupCacheTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await database.DisposeAsync();

    private ReleaseDesk Desk(DeskSetupCache cache) => new(database.NewDb(), database.Clock, cache);

    [Fact]
    public async Task The_same_setup_serves_turns_until_a_group_a_flow_or_a_category_changes()
    {
        var cache = new DeskSetupCache();
        var first = await Desk(cache).SetupAsync();
        Assert.Same(first, await Desk(cache).SetupAsync());

        await using (var other = database.NewDb())
        {
            var group = await other.Groups.OrderBy(g => g.Id).FirstAsync();
            group.Name = "Renamed Operators";
            await other.SaveChangesAsync();
        }
        var afterRename = await Desk(cache).SetupAsync();
        Assert.NotSame(first, afterRename);
        Assert.Contains("Renamed Operators", afterRename.GroupNames.Values);

        await using (var other = database.NewDb())
        {
            var category = await other.SolutionCategories.OrderBy(c => c.Id).FirstAsync();
            category.RetiredAt = database.Clock.GetUtcNow();
            await other.SaveChangesAsync();
        }
        var afterRetire = await Desk(cache).SetupAsync();
        Assert.Equal(afterRename.ActiveCategories.Count - 1, afterRetire.ActiveCategories.Count);

        await using (var other = database.NewDb())
        {
            var step = await other.Set<FlowStep>().OrderBy(s => s.Id).FirstAsync();
            step.Name = new LocalizedText("Renamed step", "Etapa renomeada");
            await other.SaveChangesAsync();
        }
        var afterStep = await Desk(cache).SetupAsync();
        Assert.Contains(afterStep.Flows.SelectMany(f => f.Steps), s => s.Name.En == "Renamed step");
        Assert.Same(afterStep, await Desk(cache).SetupAsync());
    }

    [Fact]
    public async Task A_member_added_elsewhere_is_in_the_group_from_the_next_read_and_a_failed_save_counts_nothing()
    {
        var cache = new DeskSetupCache();
        var before = await Desk(cache).SetupAsync();
        Assert.Empty(before.ActorOf("new-member", "New Member").GroupIds);
        await using (var other = database.NewDb())
        {
            other.GroupMembers.Add(new GroupMember { GroupId = before.GroupNames.Keys.First(), AadObjectId = "new-member", Name = "New Member" });
            await other.SaveChangesAsync();
        }
        var first = await Desk(cache).SetupAsync();
        Assert.NotSame(before, first);
        Assert.Equal([before.GroupNames.Keys.First()], first.ActorOf("new-member", "New Member").GroupIds);
        Assert.Same(first, await Desk(cache).SetupAsync());

        await using (var other = database.NewDb())
        {
            var revision = await other.DeskRevisionAsync(CancellationToken.None);
            var ids = first.GroupNames.Keys.Order().ToList();
            var group = await other.Groups.SingleAsync(g => g.Id == ids[0]);
            group.Name = "Changed";
            other.Groups.Add(new ExecutorGroup { Id = ids[1], Name = "Taken id" }); // the key of a group that exists: the insert fails
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => other.SaveChangesAsync());
            Assert.Equal(revision, await database.NewDb().DeskRevisionAsync(CancellationToken.None));
        }
        Assert.Same(first, await Desk(cache).SetupAsync());
    }

    [Fact]
    public async Task Claiming_saving_and_advancing_a_release_with_the_kept_setup_counts_no_setup_change()
    {
        var cache = new DeskSetupCache();
        var before = await database.NewDb().DeskRevisionAsync(CancellationToken.None);
        var setup = await Desk(cache).SetupAsync();
        var actor = await database.ActorAsync(DemoData.AlexWilber, "Alex Wilber");
        var release = (await Desk(cache).FindAsync("REL-1001"))!;

        var claimed = await Desk(cache).ClaimAsync("REL-1001", actor, release.Revision, setup);
        var category = setup.ActiveCategories.First(c => c.ParentId is not null);
        var form = new ClosureForm("Resolvida", category.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Deployed.",
            database.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var advanced = await Desk(cache).SaveAsync("REL-1001", actor, claimed.Release!.Revision, form, advance: true, await Desk(cache).SetupAsync());

        Assert.Null(advanced.Refusal);
        Assert.Equal(before, await database.NewDb().DeskRevisionAsync(CancellationToken.None));
        Assert.Same(setup, await Desk(cache).SetupAsync());
    }
}
