using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using ReleaseBot.Persistence;
using ReleaseBot.Domain;

namespace ReleaseBot.Tests.Persistence;

/// <summary>
/// A real database of the provider under test (<see cref="TestDatabaseServer"/>), migrated with the product's
/// migrations and seeded with the demo data at <see cref="Start"/>; dropped when disposed.
/// Use it per test (<c>await using var database = await TestDatabase.CreateAsync();</c>) when the
/// test changes data, or as a class fixture (<c>IClassFixture&lt;TestDatabase&gt;</c>) when it only reads.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>The time the demo data was seeded at, and where <see cref="Clock"/> starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly TestDatabaseServer.Database database = TestDatabaseServer.NewDatabase();

    public DatabaseSettings Settings => database.Settings;

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>
    /// A migrated database, seeded with the demo data unless <paramref name="seed"/> is false.
    /// The seeded database is built once per test run and each call gets its own copy of it,
    /// which keeps tests that change data independent and fast.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(bool seed = true)
    {
        var test = new TestDatabase();
        try
        {
            if (seed) await test.database.CopyOfAsync(await Seeded.Value);
            else
            {
                await test.database.CreateEmptyAsync();
                await using var db = test.NewDb();
                await db.Database.MigrateAsync();
            }
            return test;
        }
        catch
        {
            await test.DisposeAsync();
            throw;
        }
    }

    private static readonly Lazy<Task<TestDatabaseServer.Template>> Seeded = new(() => TestDatabaseServer.TemplateAsync(async settings =>
    {
        await using var db = settings.NewDb();
        await db.Database.MigrateAsync();
        await DemoData.SeedIfEmptyAsync(db, new FakeTimeProvider(Start));
    }));

    /// <summary>As a class fixture: a seeded database of the class's own.</summary>
    async Task IAsyncLifetime.InitializeAsync() => await database.CopyOfAsync(await Seeded.Value);

    /// <summary>A new context on the database (dispose it), with optional interceptors.</summary>
    public ReleaseBotDb NewDb(params IInterceptor[] interceptors) => Settings.NewDb(interceptors);

    /// <summary>The desk on a context of its own; dispose the returned context when done.</summary>
    public (ReleaseDesk Desk, ReleaseBotDb Db) NewDesk(params IInterceptor[] interceptors)
    {
        var db = NewDb(interceptors);
        return (new ReleaseDesk(db, Clock), db);
    }

    /// <summary>A person as the bot sees them: their groups read from the database.</summary>
    public async Task<Actor> ActorAsync(string aadObjectId, string name)
    {
        await using var db = NewDb();
        return await new ReleaseDesk(db, Clock).ActorAsync(aadObjectId, name);
    }

    /// <summary>A release as it is in the database now, with its tasks, links and log.</summary>
    public async Task<ReleaseRequest> ReleaseAsync(string key)
    {
        await using var db = NewDb();
        return await db.Releases.AsNoTracking()
            .Include(r => r.Tasks).Include(r => r.Links).ThenInclude(l => l.Item).Include(r => r.Log)
            .AsSplitQuery()
            .SingleAsync(r => r.Key == key);
    }

    public async Task<int> GroupIdAsync(string name)
    {
        await using var db = NewDb();
        return await db.Groups.Where(g => g.Name == name).Select(g => g.Id).SingleAsync();
    }

    public ValueTask DisposeAsync() => database.DropAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
