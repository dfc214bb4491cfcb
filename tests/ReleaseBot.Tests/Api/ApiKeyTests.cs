using ReleaseBot.Api;
using ReleaseBot.Tests.Persistence;

namespace ReleaseBot.Tests.Api;

/// <summary>API keys: created with a secret shown once, stored as a hash, listed without secrets, revoked for good.</summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();
    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    private ApiKeys Keys(out ReleaseBot.Persistence.ReleaseBotDb db)
    {
        db = database.NewDb();
        return new ApiKeys(db, database.Clock);
    }

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var keys = Keys(out var db);
        await using (db)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await ApiKeyCommand.RunAsync(args, keys, output, error);
            return (exit, output.ToString(), error.ToString());
        }
    }

    [Fact]
    public async Task Create_prints_the_secret_alone_on_the_last_line_and_stores_only_its_hash()
    {
        var (exit, output, _) = await RunAsync("create", "deploy-pipeline", "--scope", "releases:read,releases:write");

        Assert.Equal(0, exit);
        var secret = output.TrimEnd().Split('\n')[^1];
        Assert.StartsWith(ApiKeys.Prefix, secret);
        var keys = Keys(out var db);
        await using (db)
        {
            var stored = Assert.Single(await keys.ListAsync());
            Assert.Equal(["releases:read", "releases:write"], stored.ScopeList);
            Assert.DoesNotContain(secret[(ApiKeys.Prefix.Length + ApiKeys.KeyIdLength + 1)..], System.Text.Encoding.UTF8.GetString(stored.SecretHash));
            Assert.Equal(32, stored.SecretHash.Length);
            var (checkedKey, failure) = await keys.CheckAsync(secret);
            Assert.Equal("deploy-pipeline", checkedKey?.Name);
            Assert.Null(failure);
        }
    }

    [Fact]
    public async Task List_shows_names_scopes_and_use_but_never_a_secret()
    {
        var (_, created, _) = await RunAsync("create", "dashboard", "--scope", "releases:read");
        var secret = created.TrimEnd().Split('\n')[^1];
        var keys = Keys(out var db);
        await using (db) await keys.CheckAsync(secret);

        var (exit, listed, _) = await RunAsync("list");

        Assert.Equal(0, exit);
        Assert.Contains("dashboard\treleases:read\t", listed);
        Assert.Contains("last used 20", listed);
        Assert.DoesNotContain(secret[ApiKeys.Prefix.Length..], listed);
    }

    [Fact]
    public async Task A_wrong_secret_an_unknown_key_and_a_revoked_key_are_refused_with_a_reason_that_hides_the_secret()
    {
        var (_, created, _) = await RunAsync("create", "itsm", "--scope", "admin");
        var secret = created.TrimEnd().Split('\n')[^1];
        var keys = Keys(out var db);
        await using (db)
        {
            var (wrong, why) = await keys.CheckAsync(secret[..^2] + (secret.EndsWith("xx") ? "yy" : "xx"));
            Assert.Null(wrong);
            Assert.DoesNotContain(secret[^20..], why);
            Assert.Null((await keys.CheckAsync("rbk_000000000000_nothing")).Key);
            Assert.Null((await keys.CheckAsync("not-a-key")).Key);
        }

        var (exit, output, _) = await RunAsync("revoke", "itsm");
        Assert.Equal(0, exit);
        Assert.Contains("Revoked", output);
        keys = Keys(out db);
        await using (db) Assert.Contains("revoked", (await keys.CheckAsync(secret)).Failure);
    }

    [Theory]
    [InlineData(1, "create", "x", "--scope", "releases:delete")]
    [InlineData(1, "revoke", "nobody")]
    [InlineData(2, "create", "x")]
    [InlineData(2, "rotate", "x")]
    public async Task Bad_commands_explain_themselves_on_standard_error_and_create_nothing(int expected, params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(expected, exit);
        Assert.Equal("", output);
        Assert.NotEqual("", error.Trim());
        var keys = Keys(out var db);
        await using (db) Assert.Empty(await keys.ListAsync());
    }

    [Fact]
    public async Task A_name_is_taken_once_even_after_its_key_is_revoked()
    {
        await RunAsync("create", "ci", "--scope", "releases:read");
        await RunAsync("revoke", "ci");

        var (exit, _, error) = await RunAsync("create", "ci", "--scope", "releases:read");

        Assert.Equal(1, exit);
        Assert.Contains("exists already", error);
    }
}
