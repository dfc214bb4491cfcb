using Microsoft.EntityFrameworkCore;
using ReleaseBot.Domain;
using ReleaseBot.Domain.Events;

namespace ReleaseBot.Tests.Persistence;

/// <summary>The execution log is append-only: entries are written, never changed or removed.</summary>
public class ExecutionLogTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    private async Task<ExecutionLogEntry> EntryAsync(long id)
    {
        await using var db = database.NewDb();
        return await db.ExecutionLog.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    private async Task<long> SomeEntryIdAsync()
    {
        await using var db = database.NewDb();
        return await db.ExecutionLog.Where(e => e.Occurrence == Occurrence.ExecutionSaved).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
    }

    private static string Describe(ExecutionLogEntry e) =>
        string.Join("|", e.Id, e.ReleaseId, e.At, e.ActorAadId, e.ActorName, e.Occurrence, e.StepKey, e.ToStepKey, e.Situation, e.SolutionCategoryId, e.Subject, e.Text);

    [Fact]
    public async Task Changing_an_entry_is_refused_and_the_entry_stays_as_it_was()
    {
        var id = await SomeEntryIdAsync();
        var original = Describe(await EntryAsync(id));

        await using (var db = database.NewDb())
        {
            var entry = await db.ExecutionLog.SingleAsync(e => e.Id == id);
            // The domain offers no way to change an entry; a careless data fix could, through EF.
            db.Entry(entry).Property(e => e.Text).CurrentValue = "rewritten history";
            db.Entry(entry).Property(e => e.ActorName).CurrentValue = "Someone else";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(original, Describe(await EntryAsync(id)));
    }

    [Fact]
    public async Task Changing_an_entry_is_refused_by_the_synchronous_save_too()
    {
        var id = await SomeEntryIdAsync();
        var original = Describe(await EntryAsync(id));

        await using (var db = database.NewDb())
        {
            var entry = await db.ExecutionLog.SingleAsync(e => e.Id == id);
            db.Entry(entry).Property(e => e.Occurrence).CurrentValue = Occurrence.ItemUnlinked;
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        Assert.Equal(original, Describe(await EntryAsync(id)));
    }

    [Fact]
    public async Task Removing_an_entry_is_refused_and_the_entry_stays()
    {
        var id = await SomeEntryIdAsync();
        int count;
        await using (var db = database.NewDb())
        {
            count = await db.ExecutionLog.CountAsync();
            db.ExecutionLog.Remove(await db.ExecutionLog.SingleAsync(e => e.Id == id));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using var check = database.NewDb();
        Assert.True(await check.ExecutionLog.AnyAsync(e => e.Id == id));
        Assert.Equal(count, await check.ExecutionLog.CountAsync());
    }

    [Fact]
    public async Task An_entry_that_was_only_attached_as_modified_is_refused()
    {
        var entry = await EntryAsync(await SomeEntryIdAsync());
        var original = Describe(entry);

        await using (var db = database.NewDb())
        {
            db.ExecutionLog.Update(entry);
            db.Entry(entry).Property(e => e.Text).CurrentValue = "edited while detached";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(original, Describe(await EntryAsync(entry.Id)));
    }

    [Fact]
    public async Task A_rewrite_saved_with_a_legitimate_change_takes_the_change_down_with_it()
    {
        var id = await SomeEntryIdAsync();
        var title = (await database.ReleaseAsync("REL-1003")).Title;

        await using (var db = database.NewDb())
        {
            db.Entry(await db.Releases.SingleAsync(r => r.Key == "REL-1003")).Property(r => r.Title).CurrentValue = "Renamed";
            db.Entry(await db.ExecutionLog.SingleAsync(e => e.Id == id)).Property(e => e.Text).CurrentValue = "rewritten";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(title, (await database.ReleaseAsync("REL-1003")).Title);
    }

    /// <summary>
    /// The foreign key from the log to its release cascades on delete, and the append-only guard only
    /// sees log entries that are tracked: removing a release whose log is not loaded removes its log.
    /// </summary>
    [Fact]
    public async Task Removing_a_release_does_not_remove_its_log()
    {
        var release = await database.ReleaseAsync("REL-1008");
        Assert.NotEmpty(release.Log);

        await using (var db = database.NewDb())
        {
            db.Releases.Remove(await db.Releases.SingleAsync(r => r.Key == "REL-1008"));
            try
            {
                await db.SaveChangesAsync();
            }
            catch (Exception e) when (e is InvalidOperationException or DbUpdateException)
            {
                // Refusing the removal is one way to keep the log.
            }
        }

        await using var check = database.NewDb();
        Assert.Equal(release.Log.Count, await check.ExecutionLog.CountAsync(e => e.ReleaseId == release.Id));
    }

    [Fact]
    public async Task New_entries_are_appended()
    {
        var release = await database.ReleaseAsync("REL-1003");

        await using (var db = database.NewDb())
        {
            var entry = ExecutionLogEntry.Of(new ItemLinked(new ChangeStamp(release.Revision + 1, database.Clock.GetUtcNow(), "aad-x", "X", "autorizacao"),
                LinkKind.Knowledge, "KB-3001"));
            db.ExecutionLog.Add(entry);
            db.Entry(entry).Property(e => e.ReleaseId).CurrentValue = release.Id;
            await db.SaveChangesAsync();
        }

        var after = await database.ReleaseAsync("REL-1003");
        Assert.Equal(release.Log.Count + 1, after.Log.Count);
        Assert.Equal("KB-3001", after.Log.OrderBy(e => e.Id).Last().Subject);
    }
}
