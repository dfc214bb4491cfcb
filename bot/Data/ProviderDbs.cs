using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ReleaseBot.Data;

/// <summary>The model on SQLite, with its migrations in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteReleaseBotDb(DbContextOptions<SqliteReleaseBotDb> options) : ReleaseBotDb(options);

/// <summary>The model on PostgreSQL, with its migrations in <c>Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresReleaseBotDb(DbContextOptions<PostgresReleaseBotDb> options) : ReleaseBotDb(options)
{
    public override async Task LockAsync(long lockId, CancellationToken ct) =>
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockId})", ct);
}

// Let "dotnet ef migrations add X --context SqliteReleaseBotDb|PostgresReleaseBotDb" build each model without a database.
internal sealed class SqliteReleaseBotDbDesignFactory : IDesignTimeDbContextFactory<SqliteReleaseBotDb>
{
    public SqliteReleaseBotDb CreateDbContext(string[] args) =>
        (SqliteReleaseBotDb)new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design.db").NewDb();
}

internal sealed class PostgresReleaseBotDbDesignFactory : IDesignTimeDbContextFactory<PostgresReleaseBotDb>
{
    public PostgresReleaseBotDb CreateDbContext(string[] args) =>
        (PostgresReleaseBotDb)new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost").NewDb();
}
