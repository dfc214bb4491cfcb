using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Time.Testing;
using ReleaseBot.Persistence;

namespace ReleaseBot.Tests.Persistence;

/// <summary>
/// The migrations of both providers, whichever provider the other tests run on: a PostgreSQL server
/// (<c>RELEASEBOT_TEST_POSTGRES</c>) is required.
/// </summary>
public sealed class MigrationTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static async Task OnAnEmptyDatabaseAsync(DatabaseProvider provider, Func<DatabaseSettings, Task> test)
    {
        var database = TestDatabaseServer.NewDatabase(provider);
        try
        {
            await database.CreateEmptyAsync();
            await test(database.Settings);
        }
        finally
        {
            await database.DropAsync();
        }
    }

    /// <summary>A context of the provider that is never connected: enough to look at its model and migrations.</summary>
    private static ReleaseBotDb Unconnected(DatabaseProvider provider) => new DatabaseSettings(provider,
        provider == DatabaseProvider.Postgres ? "Host=localhost;Database=releasebot" : "Data Source=releasebot-model.db").NewDb();

    [Theory]
    [MemberData(nameof(Providers))]
    public Task The_migrations_bring_an_empty_database_to_every_table_and_column_of_the_model(DatabaseProvider provider) =>
        OnAnEmptyDatabaseAsync(provider, async settings =>
        {
            await using var db = settings.NewDb();
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync());

            await db.Database.MigrateAsync();

            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var sql = db.GetService<ISqlGenerationHelper>();
            var tables = db.Model.GetRelationalModel().Tables.ToList();
            Assert.Contains(tables, t => t.Name == nameof(ReleaseBotDb.ReleasesInHand));
            Assert.All(tables, table =>
            {
                var columns = string.Join(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Name)));
                var select = $"SELECT {columns} FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE 1 = 0";
                db.Database.ExecuteSqlRaw(select);
            });
            Assert.False(await db.Releases.AnyAsync());
            Assert.False(await db.ReleasesInHand.AnyAsync());
        });

    [Theory]
    [MemberData(nameof(Providers))]
    public Task The_release_each_person_last_saw_is_carried_over_from_the_old_bot_state(DatabaseProvider provider) =>
        OnAnEmptyDatabaseAsync(provider, async settings =>
        {
            await using var db = settings.NewDb();
            var migrator = db.GetService<IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_ReleasesInHand", StringComparison.Ordinal)) - 1]);
            var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
            foreach (var (key, document) in new[]
            {
                ("msteams/conversations/a:1personal/users/29:alex", """{"releaseInHand":"REL-1001"}"""),
                ("msteams/conversations/19:general@thread.tacv2;messageid=1/users/29:megan", """{"releaseInHand":"REL-1002","eTag":"x"}"""),
                ("msteams/conversations/a:2/users/29:adele", """{"other":1}"""),
                ("msteams/users/29:alex", """{"releaseInHand":"REL-1003"}"""),
            })
                await db.Database.ExecuteSqlAsync($"""INSERT INTO "BotState" ("Key", "Document", "ETag", "UpdatedAt") VALUES ({key}, {document}, {"e"}, {at})""");

            await db.Database.MigrateAsync();

            var carried = await db.ReleasesInHand.OrderBy(r => r.ReleaseKey).Select(r => new { r.ConversationId, r.UserId, r.ReleaseKey }).ToListAsync();
            Assert.Equal(
                [new { ConversationId = "a:1personal", UserId = "29:alex", ReleaseKey = "REL-1001" },
                 new { ConversationId = "19:general@thread.tacv2;messageid=1", UserId = "29:megan", ReleaseKey = "REL-1002" }],
                carried);
        });

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_migrations_of_each_provider_match_the_model(DatabaseProvider provider)
    {
        using var db = Unconnected(provider);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model changed since the last {provider} migration: add one with 'dotnet ef migrations add <Name> --context {db.GetType().Name} --output-dir Persistence/Migrations/{provider}'.");
    }

    [Fact]
    public void Each_provider_sees_only_its_own_migrations()
    {
        using var sqlite = Unconnected(DatabaseProvider.Sqlite);
        using var postgres = Unconnected(DatabaseProvider.Postgres);
        var sqliteMigrations = sqlite.GetService<IMigrationsAssembly>();
        var postgresMigrations = postgres.GetService<IMigrationsAssembly>();

        Assert.NotEmpty(sqliteMigrations.Migrations);
        Assert.NotEmpty(postgresMigrations.Migrations);
        Assert.Empty(sqliteMigrations.Migrations.Keys.Intersect(postgresMigrations.Migrations.Keys));
        Assert.Equal(sqliteMigrations.Migrations.Keys, sqlite.Database.GetMigrations());
        Assert.Equal(postgresMigrations.Migrations.Keys, postgres.Database.GetMigrations());
        Assert.All(sqliteMigrations.Migrations.Values.Append(sqliteMigrations.ModelSnapshot!.GetType().GetTypeInfo()),
            type => Assert.Equal("ReleaseBot.Persistence.Migrations.Sqlite", type.Namespace));
        Assert.All(postgresMigrations.Migrations.Values.Append(postgresMigrations.ModelSnapshot!.GetType().GetTypeInfo()),
            type => Assert.Equal("ReleaseBot.Persistence.Migrations.Postgres", type.Namespace));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public Task Two_instances_migrating_a_fresh_database_at_once_both_start(DatabaseProvider provider) =>
        OnAnEmptyDatabaseAsync(provider, async settings =>
        {
            await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await using var db = settings.NewDb();
                await db.ApplyMigrationsAsync(CancellationToken.None);
            })));

            await using var migrated = settings.NewDb();
            Assert.Equal(migrated.Database.GetMigrations(), await migrated.Database.GetAppliedMigrationsAsync());
        });

    /// <summary>Lets each context begin its transaction only once both are about to, so the two seedings really overlap.</summary>
    private sealed class BothBeginTogether : DbTransactionInterceptor
    {
        private readonly TaskCompletionSource bothThere = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int arrived;

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref arrived) == 2) bothThere.TrySetResult();
            await bothThere.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return result;
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public Task Two_instances_seeding_a_fresh_database_at_once_seed_it_once(DatabaseProvider provider) =>
        OnAnEmptyDatabaseAsync(provider, async settings =>
        {
            await using (var db = settings.NewDb()) await db.Database.MigrateAsync();
            var together = new BothBeginTogether();
            var clock = new FakeTimeProvider(TestDatabase.Start);

            await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await using var db = settings.NewDb(together);
                await DemoData.SeedIfEmptyAsync(db, clock);
            })));

            await using var seeded = settings.NewDb();
            Assert.Equal(Enumerable.Range(1001, 12).Select(n => $"REL-{n}"), await seeded.Releases.Select(r => r.Key).OrderBy(k => k).ToListAsync());
            Assert.Equal(5, await seeded.Groups.CountAsync());
            Assert.Equal(2, await seeded.Flows.CountAsync());
        });
}
