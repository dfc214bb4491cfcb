using Microsoft.Data.Sqlite;
using Npgsql;
using ReleaseBot.Persistence;

namespace ReleaseBot.Tests;

/// <summary>
/// Where the tests' databases live. <c>RELEASEBOT_TEST_PROVIDER</c> chooses the provider under test: <c>Sqlite</c>
/// (the default: files in the temporary folder) or <c>Postgres</c> (databases on the server that
/// <c>RELEASEBOT_TEST_POSTGRES</c> names; <c>tests/postgres.sh start</c> starts a throw-away one).
/// </summary>
public static class TestDatabaseServer
{
    public static DatabaseProvider Provider { get; } = Environment.GetEnvironmentVariable("RELEASEBOT_TEST_PROVIDER") switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var name => Enum.GetNames<DatabaseProvider>().FirstOrDefault(n => n.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase)) is { } known
            ? Enum.Parse<DatabaseProvider>(known)
            : throw new InvalidOperationException($"RELEASEBOT_TEST_PROVIDER is '{name}'; it must be Sqlite or Postgres."),
    };

    /// <summary>The PostgreSQL server: required when the provider under test is Postgres, and by the tests of several instances.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("RELEASEBOT_TEST_POSTGRES") is { Length: > 0 } server ? server
            : throw new InvalidOperationException(
                "These tests need a PostgreSQL server: run 'tests/postgres.sh start' and set RELEASEBOT_TEST_POSTGRES to the connection string it prints.");

    public static Database NewDatabase(DatabaseProvider? provider = null) => (provider ?? Provider) == DatabaseProvider.Postgres
        ? new PostgresDatabase($"releasebot_test_{Guid.NewGuid():N}")
        : new SqliteDatabase(Path.Combine(Path.GetTempPath(), $"releasebot-tests-{Guid.NewGuid():N}.db"));

    /// <summary>A database prepared once (migrated and seeded) that others are copied from.</summary>
    public static async Task<Template> TemplateAsync(Func<DatabaseSettings, Task> prepare, DatabaseProvider? provider = null)
    {
        var database = NewDatabase(provider);
        await database.CreateEmptyAsync();
        await prepare(database.Settings);
        return await database.AsTemplateAsync();
    }

    public abstract record Template;

    public abstract class Database
    {
        public abstract DatabaseSettings Settings { get; }
        public abstract Task CreateEmptyAsync();
        public abstract Task CopyOfAsync(Template template);
        public abstract ValueTask DropAsync();
        internal abstract Task<Template> AsTemplateAsync();
    }

    private sealed class SqliteDatabase(string file) : Database
    {
        private sealed record FileImage(byte[] Bytes) : Template;

        // Without pooling, so that the file is really closed when the test ends.
        public override DatabaseSettings Settings { get; } =
            new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());

        public override Task CreateEmptyAsync() => Task.CompletedTask;

        public override Task CopyOfAsync(Template template) => File.WriteAllBytesAsync(file, ((FileImage)template).Bytes);

        internal override async Task<Template> AsTemplateAsync()
        {
            var image = new FileImage(await File.ReadAllBytesAsync(file));
            await DropAsync();
            return image;
        }

        public override ValueTask DropAsync()
        {
            foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
                File.Delete(file + suffix);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresDatabase(string name) : Database
    {
        private sealed record NamedTemplate(string Name) : Template;

        public override DatabaseSettings Settings { get; } =
            new(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ToString());

        public override Task CreateEmptyAsync() => ExecuteAsync($"CREATE DATABASE \"{name}\"");

        public override Task CopyOfAsync(Template template) => ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{((NamedTemplate)template).Name}\"");

        internal override Task<Template> AsTemplateAsync()
        {
            // A template may have no open connections when it is copied.
            NpgsqlConnection.ClearPool(new NpgsqlConnection(Settings.ConnectionString));
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAsync().AsTask().GetAwaiter().GetResult();
            return Task.FromResult<Template>(new NamedTemplate(name));
        }

        public override async ValueTask DropAsync()
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(Settings.ConnectionString));
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }

        private static async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
