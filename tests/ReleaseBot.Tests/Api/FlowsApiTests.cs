using System.Net;
using ReleaseBot.Api;
using ReleaseBot.Tests.Http;

namespace ReleaseBot.Tests.Api;

/// <summary>/api/v1/flows: a release type's flow as data; new versions for new releases, the old one for those under way.</summary>
public sealed class FlowsApiTests : IAsyncLifetime
{
    private readonly BotApp bot = new();
    private string desk = "";
    private string writer = "";

    public async Task InitializeAsync()
    {
        await bot.InitializeAsync();
        desk = await bot.NewKeyAsync("desk-admin", ApiScope.CatalogWrite, ApiScope.ReleasesRead);
        writer = await bot.NewKeyAsync("pipeline", ApiScope.ReleasesWrite, ApiScope.ReleasesRead);
    }

    public Task DisposeAsync() => bot.DisposeAsync();

    private static object Hotfix(string firstName = "Build") => new
    {
        steps = new object[]
        {
            new { key = "build", en = firstName, ptBr = "Construção", group = "release engineers", next = "verify", statusWhenResolved = "approved", statusWhenClaimed = "inExecution" },
            new { key = "verify", en = "Verify", ptBr = "Verificação", group = "Quality Assurance", nextWhenNotResolved = "build", statusWhenResolved = "resolved", statusWhenNotResolved = "notResolved" },
        },
    };

    [Fact]
    public async Task A_new_flow_serves_releases_registered_after_it_and_releases_under_way_keep_theirs()
    {
        var put = await bot.SendAsync(HttpMethod.Put, "/api/v1/flows/Standard", desk, Hotfix());
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(1, (int)(await put.JsonAsync())["version"]!);

        var registered = await (await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, ApiCaller.Registration())).JsonAsync();
        Assert.Equal(["build", "verify"], registered["flow"]!.AsArray().Select(s => (string?)s!["step"]));
        Assert.Equal("Release Engineers", (string?)registered["currentTask"]!["group"]);

        var underWay = await (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1001", writer)).JsonAsync();
        Assert.Equal("registro", (string?)underWay["flow"]![0]!["step"]);

        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(HttpMethod.Put, "/api/v1/flows/standard", desk, Hotfix())).StatusCode);
        var changed = await bot.SendAsync(HttpMethod.Put, "/api/v1/flows/Standard", desk, Hotfix("Build and package"));
        Assert.Equal(2, (int)(await changed.JsonAsync())["version"]!);
        var stillFirst = await (await bot.SendAsync(HttpMethod.Get, $"/api/v1/releases/{registered["key"]}", writer)).JsonAsync();
        Assert.Equal("Build", (string?)stillFirst["flow"]![0]!["name"]);
    }

    [Fact]
    public async Task A_flow_with_a_dangling_next_step_is_refused_and_changes_nothing()
    {
        var bad = await bot.SendAsync(HttpMethod.Put, "/api/v1/flows/Standard", desk, new
        {
            steps = new object[] { new { key = "build", en = "Build", ptBr = "Construção", next = "deploy", statusWhenResolved = "resolved" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("Dangling: no step of this flow has that key.", (string?)(await bad.JsonAsync())["errors"]!["steps[0].next"]![0]);
        var flows = (await (await bot.SendAsync(HttpMethod.Get, "/api/v1/flows", desk)).JsonAsync()).AsArray();
        Assert.Equal(["*", "Emergency"], flows.Select(f => (string?)f!["releaseType"]));
    }
}
