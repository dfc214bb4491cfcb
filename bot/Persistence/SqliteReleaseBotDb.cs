using Microsoft.EntityFrameworkCore;

namespace ReleaseBot.Persistence;

/// <summary>The model on SQLite, with its migrations in <c>Persistence/Migrations/Sqlite</c>.</summary>
public sealed class SqliteReleaseBotDb(DbContextOptions<SqliteReleaseBotDb> options) : ReleaseBotDb(options);
