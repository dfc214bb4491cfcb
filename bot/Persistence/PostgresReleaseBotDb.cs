using Microsoft.EntityFrameworkCore;

namespace ReleaseBot.Persistence;

/// <summary>The model on PostgreSQL, with its migrations in <c>Persistence/Migrations/Postgres</c>.</summary>
public sealed class PostgresReleaseBotDb(DbContextOptions<PostgresReleaseBotDb> options) : ReleaseBotDb(options)
{
    private const long MigrationLock = 0x52454C_0002; // "REL" 2

    /// <summary>
    /// EF's own migration lock lasts one migration's transaction, so a second instance could start applying
    /// what the first is about to apply; this session lock is held until every migration is applied.
    /// </summary>
    public override async Task ApplyMigrationsAsync(CancellationToken ct)
    {
        await Database.OpenConnectionAsync(ct);
        try
        {
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLock})", ct);
            try
            {
                await Database.MigrateAsync(ct);
            }
            finally
            {
                await Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
            }
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    public override async Task LockAsync(long lockId, CancellationToken ct) =>
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockId})", ct);
}
