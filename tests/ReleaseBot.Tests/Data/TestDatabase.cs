using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using ReleaseBot.Data;
using ReleaseBot.Domain;

namespace ReleaseBot.Tests.Data;

/// <summary>
/// A real SQLite database in a temporary file, migrated with the product's migrations and seeded
/// with the demo data at <see cref="Start"/>. Deleted when disposed.
/// Use it per test (<c>await using var database = await TestDatabase.CreateAsync();</c>) when the
/// test changes data, or as a class fixture (<c>IClassFixture&lt;TestDatabase&gt;</c>) when it only reads.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>The time the demo data was seeded at, and where <see cref="Clock"/> starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public string FilePath { get; } = Path.Combine(Path.GetTempPath(), $"releasebot-tests-{Guid.NewGuid():N}.db");

    /// <summary>Without pooling, so that the file is really closed when the test ends.</summary>
    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString();

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>
    /// A migrated database, seeded with the demo data unless <paramref name="seed"/> is false.
    /// The seeded database is built once per test run (migrations, then the demo data) and each
    /// call gets its own copy of that file, which keeps tests that change data independent and fast.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(bool seed = true)
    {
        var database = new TestDatabase();
        try
        {
            if (seed) await File.WriteAllBytesAsync(database.FilePath, await SeededImage.Value);
            else await database.PrepareAsync(seed: false);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    private static readonly Lazy<Task<byte[]>> SeededImage = new(async () =>
    {
        await using var template = new TestDatabase();
        await template.PrepareAsync(seed: true);
        return await File.ReadAllBytesAsync(template.FilePath);
    });

    /// <summary>As a class fixture: a database of the class's own, migrated and seeded here.</summary>
    async Task IAsyncLifetime.InitializeAsync() => await PrepareAsync(seed: true);

    private async Task PrepareAsync(bool seed)
    {
        await using var db = NewDb();
        await db.Database.MigrateAsync();
        if (seed) await DemoData.SeedIfEmptyAsync(db, Clock);
    }

    /// <summary>A new context on the database (dispose it), with optional interceptors.</summary>
    public ReleaseBotDb NewDb(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<ReleaseBotDb>().UseSqlite(ConnectionString);
        if (interceptors.Length > 0) options.AddInterceptors(interceptors);
        return new ReleaseBotDb(options.Options);
    }

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

    public ValueTask DisposeAsync()
    {
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
            File.Delete(FilePath + suffix);
        return ValueTask.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
