using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReleaseBot.Domain;
using Microsoft.EntityFrameworkCore;
using ReleaseBot.Persistence;
using ReleaseBot.Api;
using ReleaseBot.Tests.Http;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Api;

/// <summary>Feeding the desk: catalog items by their ids in the team's catalogs, and executor groups with their members.</summary>
public sealed class CatalogAndGroupsApiTests : IAsyncLifetime
{
    private readonly BotApp bot = new();
    private string desk = "";
    private string reader = "";

    public async Task InitializeAsync()
    {
        await bot.InitializeAsync();
        desk = await bot.NewKeyAsync("cmdb-sync", ApiScope.CatalogWrite, ApiScope.ReleasesRead);
        reader = await bot.NewKeyAsync("dashboard", ApiScope.ReleasesRead);
    }

    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task A_put_creates_then_updates_an_item_and_people_can_link_it_in_Teams()
    {
        var created = await bot.SendAsync(HttpMethod.Put, "/api/v1/catalog/media/DML-9001", desk, new { title = "checkout-service", version = "4.2.0", location = "registry/checkout@sha256:77ab" });
        var updated = await bot.SendAsync(HttpMethod.Put, "/api/v1/catalog/media/DML-9001", desk, new { title = "checkout-service", version = "4.2.1", location = "registry/checkout@sha256:88cd" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("4.2.1", (string?)(await updated.JsonAsync())["version"]);
        var found = (await (await bot.SendAsync(HttpMethod.Get, "/api/v1/catalog/media?search=checkout", reader)).JsonAsync()).AsArray();
        Assert.Equal("DML-9001", (string?)Assert.Single(found)!["externalId"]);

        await using var scope = bot.Services.CreateAsyncScope();
        var offered = await scope.ServiceProvider.GetRequiredService<ReleaseDesk>().SearchCatalogAsync(CatalogKind.DefinitiveMedia, "checkout", []);
        Assert.Equal("DML-9001 · checkout-service 4.2.1", Assert.Single(offered.Items).Label);
    }

    [Fact]
    public async Task A_retired_item_is_offered_no_more_and_a_bad_item_is_refused_field_by_field()
    {
        await bot.SendAsync(HttpMethod.Put, "/api/v1/catalog/problems/PRB-9001", desk, new { title = "Checkout times out" });
        Assert.Equal(HttpStatusCode.NoContent, (await bot.SendAsync(HttpMethod.Delete, "/api/v1/catalog/problems/PRB-9001", desk)).StatusCode);
        Assert.Empty((await (await bot.SendAsync(HttpMethod.Get, "/api/v1/catalog/problems?search=checkout", reader)).JsonAsync()).AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await bot.SendAsync(HttpMethod.Delete, "/api/v1/catalog/problems/PRB-0000", desk)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bot.SendAsync(HttpMethod.Put, "/api/v1/catalog/servers/S1", desk, new { title = "x" })).StatusCode);

        var bad = await bot.SendAsync(HttpMethod.Put, "/api/v1/catalog/problems/PRB-9002", desk, new { title = "", version = "1.0", email = "x@y.example" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["email", "title", "version"], (await bad.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal(HttpStatusCode.Forbidden, (await bot.SendAsync(HttpMethod.Put, "/api/v1/catalog/problems/PRB-9003", reader, new { title = "x" })).StatusCode);

        var registration = ApiCaller.Registration();
        registration["links"] = new JsonArray(new JsonObject { ["kind"] = "problems", ["externalId"] = "PRB-9001" });
        var writer = await bot.NewKeyAsync("pipeline", ApiScope.ReleasesWrite);
        Assert.Equal(HttpStatusCode.BadRequest, (await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, registration)).StatusCode);
    }

    [Fact]
    public async Task A_group_put_replaces_its_members_and_the_change_applies_to_the_next_click()
    {
        Assert.True(HasAction(await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001"), "claim"), "Alex may claim while he is in the group");

        // Alex leaves the Release Engineers; Megan stays; Isaiah joins.
        var put = await bot.SendAsync(HttpMethod.Put, "/api/v1/groups/release%20engineers", desk, new
        {
            members = new object[]
            {
                new { aadObjectId = TeamsUser.Megan.AadObjectId, name = "Megan Bowen", email = "megan@contoso.example" },
                new { aadObjectId = "00000000-0000-0000-0000-0000000000023", name = "Isaiah Langer" },
            },
        });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var group = await put.JsonAsync();
        Assert.Equal("Release Engineers", (string?)group["name"]);
        Assert.Equal(["Isaiah Langer", "Megan Bowen"], group["members"]!.AsArray().Select(m => (string?)m!["name"]));

        var card = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        Assert.False(HasAction(card, "claim"), "Alex is no longer in the group the task waits for");

        var created = await bot.SendAsync(HttpMethod.Put, "/api/v1/groups/Night%20Shift", desk, new { members = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bad = await bot.SendAsync(HttpMethod.Put, "/api/v1/groups/Night%20Shift", desk, new { members = new object[] { new { aadObjectId = "not an id", name = "" } } });
        Assert.Equal(["members[0].aadObjectId", "members[0].name"], (await bad.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    [Fact]
    public async Task The_category_tree_is_replaced_and_a_category_in_use_is_retired_not_deleted()
    {
        var tree = new
        {
            categories = new object[]
            {
                new { key = "deployed-with-reservations", en = "Deployed with caveats", ptBr = "Implantada com ressalvas" },
                new { key = "degraded-performance", en = "Degraded performance", ptBr = "Desempenho degradado", parent = "deployed-with-reservations" },
                new { key = "rolled-back", en = "Rolled back", ptBr = "Revertida" },
            },
        };

        var put = await bot.SendAsync(HttpMethod.Put, "/api/v1/solution-categories", desk, tree);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var listed = (await (await bot.SendAsync(HttpMethod.Get, "/api/v1/solution-categories", reader)).JsonAsync())["categories"]!.AsArray();
        Assert.Equal(["degraded-performance", "deployed-with-reservations", "rolled-back"], listed.Select(c => (string?)c!["key"]).Order());
        Assert.Equal("deployed-with-reservations", (string?)listed.Single(c => (string?)c!["key"] == "degraded-performance")!["parent"]);

        await using var scope = bot.Services.CreateAsyncScope();
        var all = await scope.ServiceProvider.GetRequiredService<ReleaseBotDb>().SolutionCategories.AsNoTracking().ToListAsync();
        // The demo's closures chose "Deployed successfully": it stays, retired; "Tests failed" was never chosen: it is gone.
        Assert.NotNull(all.Single(c => c.Key == "deployed-successfully").RetiredAt);
        Assert.DoesNotContain(all, c => c.Key == "tests-failed");
        var log = await bot.ClickForCardAsync(TeamsUser.Alex, "log", new Newtonsoft.Json.Linq.JObject { ["release"] = "REL-1008" });
        Assert.Contains("Deployed successfully", Text(log));
    }

    [Fact]
    public async Task A_tree_with_a_key_twice_an_unknown_parent_or_a_circle_is_refused_and_changes_nothing()
    {
        var bad = await bot.SendAsync(HttpMethod.Put, "/api/v1/solution-categories", desk, new
        {
            categories = new object[]
            {
                new { key = "a", en = "A", ptBr = "A", parent = "b" },
                new { key = "b", en = "B", ptBr = "B", parent = "a" },
                new { key = "b", en = "B2", ptBr = "B2" },
                new { key = "c", en = "C", ptBr = "", parent = "nowhere" },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["categories[0].parent", "categories[1].parent", "categories[2].key", "categories[3].parent", "categories[3].ptBr"],
            (await bad.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order());
        var listed = (await (await bot.SendAsync(HttpMethod.Get, "/api/v1/solution-categories", reader)).JsonAsync())["categories"]!.AsArray();
        Assert.Equal(7, listed.Count);
    }
}
