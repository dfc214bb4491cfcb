using Microsoft.EntityFrameworkCore;
using ReleaseBot.Persistence;
using ReleaseBot.Domain;
using ReleaseBot.Notifications;
using ReleaseBot.Tests.Http;

namespace ReleaseBot.Tests.ScaleOut;

/// <summary>
/// Two bot processes on one new PostgreSQL database, as behind a load balancer: both start together on the
/// empty database (so both migrate and seed at once), and both write to the same <see cref="LocalConnector"/>.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private readonly TestDatabaseServer.Database database;
    private readonly BotProcess[] bots;

    private TwoInstances(TestDatabaseServer.Database database, LocalConnector connector, BotProcess[] bots)
    {
        this.database = database;
        Connector = connector;
        this.bots = bots;
    }

    public LocalConnector Connector { get; }
    public DatabaseSettings Database => database.Settings;
    public BotProcess A => bots[0];
    public BotProcess B => bots[1];

    /// <summary>Alternates between the instances, as a round-robin load balancer does.</summary>
    public BotProcess this[int turn] => bots[turn % bots.Length];

    /// <summary>Two instances on a new database; <paramref name="settings"/> are environment variables of both.</summary>
    public static async Task<TwoInstances> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = TestDatabaseServer.NewDatabase(DatabaseProvider.Postgres);
        await database.CreateEmptyAsync();
        var connector = await LocalConnector.StartAsync();
        var starting = new[] { BotProcess.StartAsync(database.Settings, connector, settings), BotProcess.StartAsync(database.Settings, connector, settings) };
        try
        {
            return new TwoInstances(database, connector, await Task.WhenAll(starting));
        }
        catch
        {
            foreach (var started in starting.Where(s => s.IsCompletedSuccessfully)) await started.Result.DisposeAsync();
            await connector.DisposeAsync();
            await database.DropAsync();
            throw;
        }
    }

    /// <summary>New members of a group, so that many people may claim the same task.</summary>
    public async Task<IReadOnlyList<TeamsUser>> NewMembersAsync(string group, int count)
    {
        await using var db = Database.NewDb();
        var groupId = await db.Groups.Where(g => g.Name == group).Select(g => g.Id).SingleAsync();
        var people = Enumerable.Range(1, count)
            .Select(i => new TeamsUser($"29:engineer-{i}", $"Engineer {i:00}", $"10000000-0000-0000-0000-{i:000000000000}")).ToList();
        db.GroupMembers.AddRange(people.Select(p => new GroupMember { AadObjectId = p.AadObjectId, Name = p.Name, GroupId = groupId }));
        await db.SaveChangesAsync();
        return people;
    }

    public async Task<ReleaseRequest> ReleaseAsync(string key)
    {
        await using var db = Database.NewDb();
        return await db.Releases.AsNoTracking().Include(r => r.Tasks).Include(r => r.Log).AsSplitQuery().SingleAsync(r => r.Key == key);
    }

    /// <summary>Waits until both senders have delivered everything in the outbox.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> DeliveredAsync(int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var db = Database.NewDb())
            {
                var outbox = await db.Outbox.AsNoTracking().ToListAsync();
                if (outbox.Count >= expected && outbox.All(m => m.Status == OutboxStatus.Sent)) return outbox;
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Outbox not delivered: {string.Join(", ", outbox.Select(m => $"{m.Id}:{m.Status}:{m.LastError}"))}\nA:\n{A.Output}\nB:\n{B.Output}");
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var bot in bots) await bot.DisposeAsync();
        await Connector.DisposeAsync();
        await database.DropAsync();
    }
}
