using Microsoft.EntityFrameworkCore;

namespace ReleaseBot.Persistence;

/// <summary>The model on SQLite, with its migrations in <c>Persistence/Migrations/Sqlite</c>.</summary>
public sealed class SqliteReleaseBotDb(DbContextOptions<SqliteReleaseBotDb> options) : ReleaseBotDb(options)
{
    /// <summary>
    /// Also turns on write-ahead logging, kept in the database file: readers no longer wait for a writer, and a
    /// commit writes once. Each commit is still synced to disk (SQLite's default <c>synchronous = FULL</c>).
    /// </summary>
    public override async Task ApplyMigrationsAsync(CancellationToken ct)
    {
        await base.ApplyMigrationsAsync(ct);
        await Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL", ct);
    }

    public override Task StartTurnAsync(CancellationToken ct) => Database.OpenConnectionAsync(ct);
}
