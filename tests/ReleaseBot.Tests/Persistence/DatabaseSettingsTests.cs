using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReleaseBot.Persistence;

namespace ReleaseBot.Tests.Persistence;

/// <summary>Which database the bot runs on, from its configuration: appsettings-style keys or environment variables.</summary>
public sealed class DatabaseSettingsTests : IDisposable
{
    private const string PostgresConnection = "Host=db.example.test;Database=releasebot;Username=releasebot;Password=secret";
    private readonly string contentRoot = Path.Combine(Path.GetTempPath(), $"releasebot-settings-{Guid.NewGuid():N}");
    private readonly string environmentPrefix = $"RELEASEBOT_SETTINGS_TEST_{Guid.NewGuid():N}_";
    private readonly List<string> variablesSet = [];

    public DatabaseSettingsTests() => Directory.CreateDirectory(contentRoot);

    public void Dispose()
    {
        foreach (var variable in variablesSet) Environment.SetEnvironmentVariable(variable, null);
        Directory.Delete(contentRoot, recursive: true);
    }

    private static IConfiguration Configuration(string? provider = null, string? connectionString = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:ReleaseBot"] = connectionString,
        }).Build();

    private IConfiguration EnvironmentVariables(params (string Name, string Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            variablesSet.Add(environmentPrefix + name);
            Environment.SetEnvironmentVariable(environmentPrefix + name, value);
        }
        return new ConfigurationBuilder().AddEnvironmentVariables(environmentPrefix).Build();
    }

    [Fact]
    public void Without_configuration_the_bot_runs_on_SQLite_in_App_Data_which_is_created()
    {
        var folder = Path.Combine(contentRoot, "App_Data");
        Assert.False(Directory.Exists(folder));

        var settings = DatabaseSettings.From(new ConfigurationBuilder().Build(), contentRoot);

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal($"Data Source={Path.Combine(folder, "releasebot.db")}", settings.ConnectionString);
        Assert.True(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Sqlite")]
    [InlineData("sqlite")]
    public void An_empty_provider_or_Sqlite_with_a_connection_string_uses_it_and_creates_no_folder(string provider)
    {
        var settings = DatabaseSettings.From(Configuration(provider, "Data Source=/var/lib/releasebot/bot.db"), contentRoot);

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal("Data Source=/var/lib/releasebot/bot.db", settings.ConnectionString);
        Assert.False(Directory.Exists(Path.Combine(contentRoot, "App_Data")));
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("postgres")]
    [InlineData("POSTGRES")]
    [InlineData(" Postgres ")]
    public void Postgres_is_accepted_in_any_case(string provider)
    {
        var settings = DatabaseSettings.From(Configuration(provider, PostgresConnection), contentRoot);

        Assert.Equal(new DatabaseSettings(DatabaseProvider.Postgres, PostgresConnection), settings);
    }

    [Theory]
    [InlineData("MySql")]
    [InlineData("SqlServer")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("Sqlite,Postgres")]
    [InlineData("Postgres, Postgres")]
    public void An_unknown_provider_is_refused_naming_the_known_ones(string provider)
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.From(Configuration(provider, PostgresConnection), contentRoot));

        Assert.Contains($"'{provider}'", refusal.Message);
        Assert.Contains("Sqlite", refusal.Message);
        Assert.Contains("Postgres", refusal.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Postgres_without_a_connection_string_is_refused_saying_what_to_set(string? connectionString)
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.From(Configuration("Postgres", connectionString), contentRoot));

        Assert.Contains("ConnectionStrings:ReleaseBot", refusal.Message);
        Assert.Contains("ConnectionStrings__ReleaseBot", refusal.Message);
        Assert.Contains("Postgres", refusal.Message);
        Assert.False(Directory.Exists(Path.Combine(contentRoot, "App_Data")));
    }

    [Fact]
    public void Environment_variables_choose_Postgres_and_its_connection_string()
    {
        var configuration = EnvironmentVariables(("Database__Provider", "postgres"), ("ConnectionStrings__ReleaseBot", PostgresConnection));

        var settings = DatabaseSettings.From(configuration, contentRoot);

        Assert.Equal(new DatabaseSettings(DatabaseProvider.Postgres, PostgresConnection), settings);
    }

    [Fact]
    public void Environment_variables_with_a_SQLite_connection_string_only_keep_SQLite()
    {
        var configuration = EnvironmentVariables(("ConnectionStrings__ReleaseBot", "Data Source=/data/releasebot.db"));

        var settings = DatabaseSettings.From(configuration, contentRoot);

        Assert.Equal(new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=/data/releasebot.db"), settings);
    }

    [Fact]
    public void An_unknown_provider_from_the_environment_is_refused()
    {
        var configuration = EnvironmentVariables(("Database__Provider", "MySql"), ("ConnectionStrings__ReleaseBot", PostgresConnection));

        var refusal = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.From(configuration, contentRoot));

        Assert.Contains("'MySql'", refusal.Message);
    }

    [Fact]
    public void Postgres_from_the_environment_without_a_connection_string_is_refused()
    {
        var configuration = EnvironmentVariables(("Database__Provider", "Postgres"));

        var refusal = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.From(configuration, contentRoot));

        Assert.Contains("ConnectionStrings__ReleaseBot", refusal.Message);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, typeof(SqliteReleaseBotDb), "Microsoft.EntityFrameworkCore.Sqlite", "Data Source=releasebot-settings-test.db")]
    [InlineData(DatabaseProvider.Postgres, typeof(PostgresReleaseBotDb), "Npgsql.EntityFrameworkCore.PostgreSQL", PostgresConnection)]
    public void AddTo_registers_the_context_of_the_provider_on_the_connection_string(DatabaseProvider provider, Type context, string providerName, string connectionString)
    {
        var services = new ServiceCollection();
        new DatabaseSettings(provider, connectionString).AddTo(services);
        using var instance = services.BuildServiceProvider(validateScopes: true);
        using var scope = instance.CreateScope();

        var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();

        Assert.IsType(context, db);
        Assert.Equal(providerName, db.Database.ProviderName);
        Assert.Equal(connectionString, db.Database.GetConnectionString());
    }
}
