using Microsoft.EntityFrameworkCore.Design;

namespace ReleaseBot.Persistence;

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
