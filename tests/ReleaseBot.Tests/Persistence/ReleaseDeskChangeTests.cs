using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReleaseBot.Persistence;
using ReleaseBot.Domain;

namespace ReleaseBot.Tests.Persistence;

/// <summary>Each change through the desk is written whole (with its log entry) or not at all.</summary>
public class ReleaseDeskChangeTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private Actor alex = null!;
    private Actor megan = null!;
    private Actor adele = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        alex = await database.ActorAsync(DemoData.AlexWilber, "Alex Wilber");
        megan = await database.ActorAsync(DemoData.MeganBowen, "Megan Bowen");
        adele = await database.ActorAsync(DemoData.AdeleVance, "Adele Vance");
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    private sealed class CountCommits : DbTransactionInterceptor
    {
        public int Commits { get; private set; }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Commits++;
            return Task.CompletedTask;
        }
    }

    private async Task<Change> WithDeskAsync(Func<ReleaseDesk, Task<Change>> change, CountCommits? commits = null)
    {
        var (desk, db) = commits is null ? database.NewDesk() : database.NewDesk(commits);
        await using (db) return await change(desk);
    }

    private async Task<string> CategoryIdAsync()
    {
        await using var db = database.NewDb();
        return (await db.SolutionCategories.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()).ToString();
    }

    private async Task<int> ItemIdAsync(string code)
    {
        await using var db = database.NewDb();
        return await db.Catalog.Where(i => i.Code == code).Select(i => i.Id).SingleAsync();
    }

    private static string Stored(ReleaseRequest r) => string.Join("|",
        r.Revision, r.Status, r.Log.Count, r.Links.Count,
        string.Join(",", r.Tasks.OrderBy(t => t.Id).Select(t => $"{t.StepKey}/{t.AssigneeAadId}/{t.FinishedAt}/{t.Situation}/{t.SolutionCategoryId}/{t.ExecutionInformation}/{t.ReleaseDate}")));

    public static TheoryData<string> RefusedChanges => new() { "outsider claims", "stale claim", "invalid closure", "not the assignee", "stale save", "unknown item", "unknown link" };

    [Theory]
    [MemberData(nameof(RefusedChanges))]
    public async Task A_refused_change_writes_nothing(string which)
    {
        var rel1001 = await database.ReleaseAsync("REL-1001");
        var rel1002 = await database.ReleaseAsync("REL-1002");
        var before = (Stored(rel1001), Stored(rel1002));
        var commits = new CountCommits();

        var change = await WithDeskAsync(desk => which switch
        {
            "outsider claims" => desk.ClaimAsync("REL-1001", adele, rel1001.Revision),
            "stale claim" => desk.ClaimAsync("REL-1001", alex, rel1001.Revision - 1),
            "invalid closure" => desk.SaveAsync("REL-1002", megan, rel1002.Revision, new ClosureForm("Resolvida", null, null, null), advance: true),
            "not the assignee" => desk.SaveAsync("REL-1002", alex, rel1002.Revision, new ClosureForm("EmExecucao", null, null, null), advance: false),
            "stale save" => desk.SaveAsync("REL-1002", megan, rel1002.Revision - 1, new ClosureForm("EmExecucao", null, null, null), advance: false),
            "unknown item" => desk.LinkAsync("REL-1002", megan, rel1002.Revision, LinkKind.Problem, 987654, null),
            _ => desk.UnlinkAsync("REL-1002", megan, rel1002.Revision, 987654),
        }, commits);

        Assert.False(change.Applied);
        var expected = which switch
        {
            "outsider claims" => RefusalReason.NotCandidate,
            "stale claim" or "stale save" => RefusalReason.StaleCard,
            "invalid closure" => RefusalReason.InvalidClosure,
            "not the assignee" => RefusalReason.AssignedToOther,
            "unknown item" => RefusalReason.ItemNotFound,
            _ => RefusalReason.LinkNotFound,
        };
        Assert.Equal(expected, change.Refusal!.Reason);
        Assert.Equal(0, commits.Commits);
        Assert.Equal(before, (Stored(await database.ReleaseAsync("REL-1001")), Stored(await database.ReleaseAsync("REL-1002"))));
    }

    [Fact]
    public async Task An_unknown_release_is_not_found()
    {
        var change = await WithDeskAsync(desk => desk.ClaimAsync("REL-9999", alex, 0));

        Assert.Null(change.Release);
        Assert.Equal(RefusalReason.ReleaseNotFound, change.Refusal?.Reason);
    }

    [Fact]
    public async Task A_claim_writes_the_assignment_and_its_log_entry_in_one_transaction()
    {
        var before = await database.ReleaseAsync("REL-1001");
        database.Clock.Advance(TimeSpan.FromMinutes(42));
        var commits = new CountCommits();

        var change = await WithDeskAsync(desk => desk.ClaimAsync("rel-1001", alex, before.Revision), commits);

        Assert.True(change.Applied);
        Assert.Equal(1, commits.Commits);
        Assert.Equal(before.Revision + 1, change.Release!.Revision);
        var after = await database.ReleaseAsync("REL-1001");
        var task = Assert.Single(after.Tasks, t => t.IsOpen);
        Assert.Equal(DemoData.AlexWilber, task.AssigneeAadId);
        Assert.Equal(TestDatabase.Start.AddMinutes(42), task.ClaimedAt);
        Assert.Equal(ReleaseStatus.EmExecucao, after.Status);
        Assert.Equal(before.Revision + 1, after.Revision);
        var entry = after.Log.OrderBy(e => e.Id).Last();
        Assert.Equal(before.Log.Count + 1, after.Log.Count);
        Assert.Equal(Occurrence.TaskClaimed, entry.Occurrence);
        Assert.Equal(DemoData.AlexWilber, entry.ActorAadId);
        Assert.Equal("execucao", entry.StepKey);
        Assert.Equal(TestDatabase.Start.AddMinutes(42), entry.At);
    }

    [Fact]
    public async Task Saving_and_keeping_writes_the_closure_and_its_log_entry()
    {
        var before = await database.ReleaseAsync("REL-1002");
        var category = await CategoryIdAsync();
        var commits = new CountCommits();

        var change = await WithDeskAsync(desk => desk.SaveAsync("REL-1002", megan, before.Revision,
            new ClosureForm("Resolvida", category, "Deployed to every node.", "2026-11-24"), advance: false), commits);

        Assert.True(change.Applied, change.Refusal?.ToString());
        Assert.Equal(1, commits.Commits);
        var after = await database.ReleaseAsync("REL-1002");
        Assert.Equal(ExecutionSituation.Resolvida, after.CurrentTask!.Situation);
        Assert.Equal(int.Parse(category), after.CurrentTask!.SolutionCategoryId);
        Assert.Equal("Deployed to every node.", after.CurrentTask!.ExecutionInformation);
        Assert.Equal(new DateOnly(2026, 11, 24), after.CurrentTask!.ReleaseDate);
        Assert.Equal(before.Revision + 1, after.Revision);
        Assert.Equal(DemoData.MeganBowen, Assert.Single(after.Tasks, t => t.IsOpen).AssigneeAadId);
        var entry = Assert.Single(after.Log, e => !before.Log.Any(b => b.Id == e.Id));
        Assert.Equal(Occurrence.ExecutionSaved, entry.Occurrence);
        Assert.Equal(ExecutionSituation.Resolvida, entry.Situation);
        Assert.Equal(int.Parse(category), entry.SolutionCategoryId);
        Assert.Equal("Deployed to every node.", entry.Text);
    }

    [Fact]
    public async Task Saving_and_advancing_writes_the_new_task_and_both_log_entries()
    {
        var before = await database.ReleaseAsync("REL-1002");
        var qa = await database.GroupIdAsync("Quality Assurance");
        var commits = new CountCommits();

        var change = await WithDeskAsync(desk => desk.SaveAsync("REL-1002", megan, before.Revision,
            new ClosureForm("Resolvida", "1", "Deployed.", "2026-11-25"), advance: true), commits);

        Assert.True(change.Applied, change.Refusal?.ToString());
        Assert.Equal(1, commits.Commits);
        var after = await database.ReleaseAsync("REL-1002");
        Assert.Equal(ReleaseStatus.Resolvida, after.Status);
        var test = Assert.Single(after.Tasks, t => t.IsOpen);
        Assert.Equal("teste", test.StepKey);
        Assert.Equal(qa, test.CandidateGroupId);
        Assert.Null(test.AssigneeAadId);
        var execution = after.Tasks.Single(t => t.Id == before.Tasks.Single(b => b.IsOpen).Id);
        Assert.Equal(ExecutionSituation.Resolvida, execution.Outcome);
        Assert.Equal(DemoData.MeganBowen, execution.FinishedByAadId);
        var added = after.Log.Where(e => !before.Log.Any(b => b.Id == e.Id)).OrderBy(e => e.Id).ToList();
        Assert.Equal([Occurrence.ExecutionSaved, Occurrence.FlowAdvanced], added.Select(e => e.Occurrence));
        Assert.Equal("teste", added[1].ToStepKey);
        Assert.Equal(before.Revision + 2, after.Revision);
    }

    [Fact]
    public async Task Items_are_linked_and_unlinked_with_their_log_entries()
    {
        var dml = await ItemIdAsync("DML-4001");
        var meganItem = await ItemIdAsync("meganb");
        var revision = (await database.ReleaseAsync("REL-1002")).Revision;

        var linked = await WithDeskAsync(desk => desk.LinkAsync("REL-1002", megan, revision, LinkKind.DefinitiveMedia, dml, null));
        Assert.True(linked.Applied, linked.Refusal?.ToString());
        var role = await WithDeskAsync(desk => desk.LinkAsync("REL-1002", megan, revision + 1, LinkKind.Role, meganItem, "Release coordinator"));
        Assert.True(role.Applied, role.Refusal?.ToString());
        var twice = await WithDeskAsync(desk => desk.LinkAsync("REL-1002", megan, revision + 2, LinkKind.DefinitiveMedia, dml, null));
        Assert.Equal(RefusalReason.AlreadyLinked, twice.Refusal?.Reason);
        var wrongKind = await WithDeskAsync(desk => desk.LinkAsync("REL-1002", megan, revision + 2, LinkKind.Problem, dml, null));
        Assert.Equal(RefusalReason.ItemNotFound, wrongKind.Refusal?.Reason);

        var stored = await database.ReleaseAsync("REL-1002");
        Assert.Equal(2, stored.Links.Count);
        var media = stored.Links.Single(l => l.Kind == LinkKind.DefinitiveMedia);
        Assert.Equal("DML-4001", media.Item?.Code);
        Assert.Equal("Megan Bowen", media.LinkedBy);
        Assert.Equal("Release coordinator", stored.Links.Single(l => l.Kind == LinkKind.Role).Role);
        Assert.Equal(revision + 2, stored.Revision);

        var unlinked = await WithDeskAsync(desk => desk.UnlinkAsync("REL-1002", megan, revision + 2, media.Id));
        Assert.True(unlinked.Applied, unlinked.Refusal?.ToString());

        var after = await database.ReleaseAsync("REL-1002");
        Assert.Equal(LinkKind.Role, Assert.Single(after.Links).Kind);
        var entries = after.Log.OrderBy(e => e.Id).TakeLast(3).ToList();
        Assert.Equal([Occurrence.ItemLinked, Occurrence.ItemLinked, Occurrence.ItemUnlinked], entries.Select(e => e.Occurrence));
        Assert.Equal("DML-4001 · payments-api 2.4.0", entries[0].Subject);
        Assert.Equal("Megan Bowen — Release coordinator", entries[1].Subject);
        Assert.Equal("DML-4001 · payments-api 2.4.0", entries[2].Subject);
        Assert.Equal(revision + 3, after.Revision);
    }

    [Fact]
    public async Task A_claimed_release_stays_in_the_claimers_list_and_leaves_the_others()
    {
        async Task<List<string>> MineAsync(Actor actor)
        {
            var (desk, db) = database.NewDesk();
            await using (db)
            {
                var keys = new List<string>();
                var first = await desk.MineAsync(actor, 1);
                for (var page = 1; page <= first.PageCount; page++)
                    keys.AddRange((await desk.MineAsync(actor, page)).Releases.Select(r => r.Key));
                return keys;
            }
        }
        Assert.Contains("REL-1011", await MineAsync(alex));
        Assert.Contains("REL-1011", await MineAsync(megan));

        var revision = (await database.ReleaseAsync("REL-1011")).Revision;
        var claim = await WithDeskAsync(desk => desk.ClaimAsync("REL-1011", alex, revision));
        Assert.True(claim.Applied, claim.Refusal?.ToString());

        Assert.Contains("REL-1011", await MineAsync(alex));
        Assert.DoesNotContain("REL-1011", await MineAsync(megan));
        Assert.DoesNotContain("REL-1011", await MineAsync(adele));
    }

    [Fact]
    public async Task A_change_reads_the_open_task_and_the_finished_ones_its_rules_look_back_on_not_the_whole_history()
    {
        var lynne = await database.ActorAsync(DemoData.LynneRobbins, "Lynne Robbins");
        async Task ApplyAsync(Func<ReleaseDesk, int, Task<Change>> change)
        {
            var revision = (await database.ReleaseAsync("REL-1002")).Revision;
            var applied = await WithDeskAsync(desk => change(desk, revision));
            Assert.True(applied.Applied, applied.Refusal?.ToString());
        }
        // Megan holds Execution; three times it fails and comes back to her, each finished task with its closure.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            database.Clock.Advance(TimeSpan.FromMinutes(10));
            await ApplyAsync((desk, revision) => desk.SaveAsync("REL-1002", megan, revision,
                new ClosureForm("NaoResolvida", null, $"Smoke tests failed ({attempt}).", null), advance: true));
            await ApplyAsync((desk, revision) => desk.ClaimAsync("REL-1002", megan, revision));
        }
        // Cancelled before anything was saved: the last finished task has no closure; then reopened into Execution.
        database.Clock.Advance(TimeSpan.FromMinutes(10));
        await ApplyAsync((desk, revision) => desk.CancelAsync("REL-1002", lynne, revision, "Postponed."));
        await ApplyAsync((desk, revision) => desk.ReopenAsync("REL-1002", lynne, revision, "execucao", "Back on."));
        var whole = await database.ReleaseAsync("REL-1002");

        var change = await WithDeskAsync(desk => desk.ClaimAsync("REL-1002", megan, whole.Revision));

        Assert.True(change.Applied, change.Refusal?.ToString());
        var finished = whole.Tasks.Where(t => !t.IsOpen).OrderBy(t => t.Id).ToList();
        Assert.True(finished.Count >= 5, $"{finished.Count} finished tasks");
        var (cancelled, lastClosed) = (finished[^1], finished[^2]);
        Assert.False(cancelled.HasClosure);
        Assert.Equal("Smoke tests failed (3).", lastClosed.ExecutionInformation);
        Assert.Equal([lastClosed.Id, cancelled.Id, whole.CurrentTask!.Id], change.Release!.Tasks.Select(t => t.Id).Order());
        Assert.Equal(lastClosed.Id, change.Release.LatestClosure?.Id);
        Assert.Equal(whole.LatestClosure?.Id, change.Release.LatestClosure?.Id);
    }
}
