using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReleaseBot.Persistence;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Which database the bot runs on: <c>Database:Provider</c> (<c>Sqlite</c>, the default, or <c>Postgres</c>) and
/// <c>ConnectionStrings:ReleaseBot</c>. SQLite without a connection string is a file in the app's <c>App_Data</c> folder.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        var name = configuration["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(name) ? DatabaseProvider.Sqlite
            : Enum.GetNames<DatabaseProvider>().FirstOrDefault(n => n.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase)) is { } known ? Enum.Parse<DatabaseProvider>(known)
            : throw new InvalidOperationException($"Database:Provider is '{name}'; it must be Sqlite or Postgres.");
        var connectionString = configuration.GetConnectionString("ReleaseBot");
        if (!string.IsNullOrWhiteSpace(connectionString)) return new(provider, connectionString);
        if (provider == DatabaseProvider.Postgres)
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:ReleaseBot is empty; set it, e.g. ConnectionStrings__ReleaseBot=\"Host=db;Database=releasebot;Username=releasebot;Password=...\".");
        var folder = Path.Combine(contentRoot, "App_Data");
        Directory.CreateDirectory(folder);
        return new(provider, $"Data Source={Path.Combine(folder, "releasebot.db")}");
    }

    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton<ReleaseEventDispatcher>();
        // Contexts are pooled: a new one, its options and its internal services cost more than a query.
        if (Provider == DatabaseProvider.Postgres) services.AddDbContextPool<ReleaseBotDb, PostgresReleaseBotDb>(ConfigureWith);
        else services.AddDbContextPool<ReleaseBotDb, SqliteReleaseBotDb>(ConfigureWith);
    }

    /// <summary>A context of its own on this database (dispose it), for tools and tests.</summary>
    public ReleaseBotDb NewDb(params IInterceptor[] interceptors) => Provider == DatabaseProvider.Postgres
        ? new PostgresReleaseBotDb(Options<PostgresReleaseBotDb>(interceptors))
        : new SqliteReleaseBotDb(Options<SqliteReleaseBotDb>(interceptors));

    private DbContextOptions<T> Options<T>(IInterceptor[] interceptors) where T : DbContext
    {
        var options = new DbContextOptionsBuilder<T>();
        Configure(options);
        if (interceptors.Length > 0) options.AddInterceptors(interceptors);
        return options.Options;
    }

    private void ConfigureWith(IServiceProvider services, DbContextOptionsBuilder options)
    {
        Configure(options);
        // The dispatcher first: its handlers add rows that the other interceptors (registered as IInterceptor) may look at.
        options.AddInterceptors(services.GetRequiredService<ReleaseEventDispatcher>());
        options.AddInterceptors(services.GetServices<IInterceptor>());
    }

    private void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == DatabaseProvider.Postgres) options.UseNpgsql(ConnectionString);
        else options.UseSqlite(ConnectionString).AddInterceptors(SqliteWaiting.Instance);
    }
}
