using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReleaseBot.Persistence;

/// <summary>
/// A SQLite connection that finds the database locked by another writer waits inside SQLite, retrying within
/// milliseconds, rather than failing to the driver, whose retry sleeps 150 ms on a thread-pool thread.
/// Set once per native connection: the pool hands the same one out again.
/// </summary>
public sealed class SqliteWaiting : DbConnectionInterceptor
{
    public static readonly SqliteWaiting Instance = new();
    private const int BusyTimeoutMs = 5_000;
    private static readonly ConditionalWeakTable<object, object> Set = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpen(connection) is { } command) using (command) command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (FirstOpen(connection) is { } command) await using (command) await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand? FirstOpen(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || !Set.TryAdd(handle, handle)) return null;
        var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs}";
        return command;
    }
}
