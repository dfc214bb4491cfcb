using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReleaseBot.Persistence;
using ReleaseBot.Domain;

namespace ReleaseBot.Tests.Persistence;

/// <summary>Many people (or many bot instances) claim the same task at once: exactly one gets it.</summary>
public class ClaimRaceTests : IAsyncLifetime
{
    private const int Racers = 20;
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    /// <summary>
    /// Holds every context's first save until all of them reached it, so that all of them read the
    /// task unassigned and really compete for the same revision.
    /// </summary>
    private sealed class StartingGate(int racers)
    {
        private readonly TaskCompletionSource allThere = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int arrived;

        public int Arrived => Volatile.Read(ref arrived);

        public async Task ArriveAsync()
        {
            if (Interlocked.Increment(ref arrived) == racers) allThere.TrySetResult();
            await allThere.Task.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private sealed class WaitAtTheGate(StartingGate gate) : SaveChangesInterceptor
    {
        private bool waited;
        public int Saves { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Saves++;
            if (!waited)
            {
                waited = true;
                await gate.ArriveAsync();
            }
            return result;
        }
    }

    private async Task<(Change Change, Actor Actor, WaitAtTheGate Interceptor)[]> RaceAsync(IReadOnlyList<Actor> actors, int seenRevision)
    {
        var gate = new StartingGate(actors.Count);
        var results = await Task.WhenAll(actors.Select(actor => Task.Run(async () =>
        {
            var interceptor = new WaitAtTheGate(gate);
            var (desk, db) = database.NewDesk(interceptor);
            await using (db)
                return (await desk.ClaimAsync("REL-1001", actor, seenRevision), actor, interceptor);
        })));
        Assert.Equal(actors.Count, gate.Arrived);
        return results;
    }

    private async Task<int> ClaimsAtExecutionAsync(int releaseId)
    {
        await using var db = database.NewDb();
        return await db.ExecutionLog.CountAsync(e => e.ReleaseId == releaseId && e.Occurrence == Occurrence.TaskClaimed && e.StepKey == "execucao");
    }

    [Fact]
    public async Task Twenty_engineers_claim_at_once_and_exactly_one_gets_the_task()
    {
        var engineers = await database.GroupIdAsync("Release Engineers");
        var before = await database.ReleaseAsync("REL-1001");
        var actors = Enumerable.Range(1, Racers)
            .Select(i => new Actor($"aad-racer-{i:00}", $"Racer {i:00}", new HashSet<int> { engineers }))
            .ToList();

        var results = await RaceAsync(actors, before.Revision);

        var winner = Assert.Single(results, r => r.Change.Applied);
        // The losers' cards are out of date; the release they get back names the winner.
        Assert.All(results.Where(r => !r.Change.Applied), r =>
        {
            Assert.Equal(RefusalReason.StaleCard, r.Change.Refusal!.Reason);
            Assert.Equal(winner.Actor.Name, r.Change.Release!.CurrentTask!.AssigneeName);
        });
        // The losers did save once, lost on the revision, and were refused on the fresh release.
        Assert.All(results, r => Assert.Equal(1, r.Interceptor.Saves));

        var after = await database.ReleaseAsync("REL-1001");
        var task = Assert.Single(after.Tasks, t => t.IsOpen);
        Assert.Equal(winner.Actor.AadObjectId, task.AssigneeAadId);
        Assert.Equal(winner.Actor.Name, task.AssigneeName);
        Assert.Equal(before.Revision + 1, after.Revision);
        Assert.Equal(ReleaseStatus.EmExecucao, after.Status);
        Assert.Equal(before.Log.Count + 1, after.Log.Count);
        Assert.Equal(1, await ClaimsAtExecutionAsync(after.Id));
    }

    [Fact]
    public async Task Alex_and_Megan_clicking_ten_times_each_give_one_claim()
    {
        var alex = await database.ActorAsync(DemoData.AlexWilber, "Alex Wilber");
        var megan = await database.ActorAsync(DemoData.MeganBowen, "Megan Bowen");
        var before = await database.ReleaseAsync("REL-1001");
        var actors = Enumerable.Range(0, Racers).Select(i => i % 2 == 0 ? alex : megan).ToList();

        var results = await RaceAsync(actors, before.Revision);

        var winner = Assert.Single(results, r => r.Change.Applied).Actor;
        Assert.All(results.Where(r => !r.Change.Applied), r =>
        {
            if (r.Actor == winner)
            {
                Assert.Equal(RefusalReason.AlreadyYours, r.Change.Refusal!.Reason);
                Assert.Equal(winner.Name, r.Change.Refusal.Who);
            }
            else Assert.Equal(RefusalReason.StaleCard, r.Change.Refusal!.Reason);
            Assert.Equal(winner.Name, r.Change.Release!.CurrentTask!.AssigneeName);
        });
        var after = await database.ReleaseAsync("REL-1001");
        Assert.Equal(winner.AadObjectId, Assert.Single(after.Tasks, t => t.IsOpen).AssigneeAadId);
        Assert.Equal(before.Revision + 1, after.Revision);
        Assert.Equal(1, await ClaimsAtExecutionAsync(after.Id));
    }

    [Fact]
    public async Task A_stale_release_cannot_be_saved_over_a_newer_one()
    {
        var alex = await database.ActorAsync(DemoData.AlexWilber, "Alex Wilber");
        var megan = await database.ActorAsync(DemoData.MeganBowen, "Megan Bowen");

        // A: loads REL-1001 and keeps it.
        await using var a = database.NewDb();
        var stale = await a.Releases.Include(r => r.Tasks).SingleAsync(r => r.Key == "REL-1001");
        var flow = (await new ReleaseDesk(a, database.Clock).SetupAsync()).FlowFor(stale.Type);
        var seen = stale.Revision;

        // B: claims it and saves.
        var (deskB, b) = database.NewDesk();
        await using (b)
            Assert.True((await deskB.ClaimAsync("REL-1001", megan, seen)).Applied);

        // A: the domain agrees on A's old copy, but the database refuses the save.
        Assert.Null(stale.Claim(alex, seen, flow, database.Clock.GetUtcNow()));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => a.SaveChangesAsync());

        var after = await database.ReleaseAsync("REL-1001");
        Assert.Equal(DemoData.MeganBowen, Assert.Single(after.Tasks, t => t.IsOpen).AssigneeAadId);
        Assert.Equal(seen + 1, after.Revision);
        Assert.Equal(1, await ClaimsAtExecutionAsync(after.Id));
        Assert.DoesNotContain(after.Log, e => e.ActorAadId == DemoData.AlexWilber && e.StepKey == "execucao");
    }

    [Fact]
    public async Task A_claim_that_lost_the_race_is_retried_and_refused_as_out_of_date_with_the_winner_in_the_release()
    {
        var alex = await database.ActorAsync(DemoData.AlexWilber, "Alex Wilber");
        var megan = await database.ActorAsync(DemoData.MeganBowen, "Megan Bowen");
        var seen = (await database.ReleaseAsync("REL-1001")).Revision;

        // Megan's claim commits between Alex's read and Alex's save.
        var meganFirst = new ClaimBeforeSaving(async () =>
        {
            var (desk, db) = database.NewDesk();
            await using (db) Assert.True((await desk.ClaimAsync("REL-1001", megan, seen)).Applied);
        });
        var (deskA, dbA) = database.NewDesk(meganFirst);
        await using (dbA)
        {
            var change = await deskA.ClaimAsync("REL-1001", alex, seen);

            Assert.Equal(RefusalReason.StaleCard, change.Refusal?.Reason);
            Assert.Equal("Megan Bowen", change.Release?.CurrentTask?.AssigneeName);
            Assert.Equal(DemoData.MeganBowen, change.Release?.CurrentTask?.AssigneeAadId);
        }
        Assert.Equal(1, meganFirst.Runs);
        Assert.Equal(1, await ClaimsAtExecutionAsync((await database.ReleaseAsync("REL-1001")).Id));
    }

    /// <summary>Runs another change just before this context's first save.</summary>
    private sealed class ClaimBeforeSaving(Func<Task> other) : SaveChangesInterceptor
    {
        public int Runs { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Runs++ == 0) await other();
            return result;
        }
    }
}
