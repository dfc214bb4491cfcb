using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReleaseBot.Api;
using ReleaseBot.Persistence;
using ReleaseBot.Tests.Http;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Api;

/// <summary>/api/v1/releases through the real app: keys and scopes, registration and its validation, idempotent retries, reads and notes.</summary>
public sealed class ReleasesApiTests : IAsyncLifetime
{
    private readonly BotApp bot = new();
    private string writer = "";
    private string reader = "";

    public async Task InitializeAsync()
    {
        await bot.InitializeAsync();
        writer = await bot.NewKeyAsync("deploy-pipeline", ApiScope.ReleasesWrite, ApiScope.ReleasesRead);
        reader = await bot.NewKeyAsync("dashboard", ApiScope.ReleasesRead);
    }

    public Task DisposeAsync() => bot.DisposeAsync();

    private async Task<int> ReleaseCountAsync()
    {
        await using var scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReleaseBotDb>().Releases.CountAsync();
    }

    [Fact]
    public async Task Without_a_valid_key_the_API_answers_401_and_without_the_scope_403_as_problems()
    {
        var none = await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1001", key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);

        var wrongSecret = writer[..^4] + (writer[^4..] == "AAAA" ? "BBBB" : "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1001", wrongSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1001", "rbk_garbage")).StatusCode);

        var forbidden = await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", reader, ApiCaller.Registration());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Equal(12, await ReleaseCountAsync());

        var admin = await bot.NewKeyAsync("itsm-admin", ApiScope.Admin);
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1001", admin)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_from_then_on()
    {
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1001", reader)).StatusCode);
        await using (var scope = bot.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<ApiKeys>().RevokeAsync("dashboard"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1001", reader)).StatusCode);
    }

    [Fact]
    public async Task Registering_answers_201_with_the_new_key_its_flow_started_and_the_log_naming_the_key()
    {
        var response = await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, ApiCaller.Registration());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/releases/REL-1013", response.Headers.Location?.OriginalString);
        var release = await response.JsonAsync();
        Assert.Equal("REL-1013", (string?)release["key"]);
        Assert.Equal("registered", (string?)release["status"]);
        Assert.Equal(1, (int?)release["revision"]);
        Assert.Equal("CHG0012345", (string?)release["externalId"]);
        Assert.Equal("2026-12-04T01:00:00+00:00", (string?)release["plannedStart"]);
        Assert.Equal("registro", (string?)release["currentTask"]!["step"]);
        Assert.Equal("Release Managers", (string?)release["currentTask"]!["group"]);
        Assert.Null(release["currentTask"]!["assignee"]);
        Assert.Equal(["current", "pending", "pending", "pending", "pending", "pending"], release["flow"]!.AsArray().Select(s => (string?)s!["state"]));

        var log = (await (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1013/log", writer)).JsonAsync()).AsArray();
        var entry = Assert.Single(log);
        Assert.Equal("registered", (string?)entry!["occurrence"]);
        Assert.Equal("deploy-pipeline", (string?)entry["actor"]);
    }

    [Fact]
    public async Task A_registered_release_is_found_and_opened_in_Teams_with_its_log()
    {
        await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, ApiCaller.Registration("Checkout service 4.2.0"));

        var found = await bot.SayForCardAsync(TeamsUser.Alex, "find checkout");
        Assert.Contains("REL-1013", Text(found));
        var log = await bot.ClickForCardAsync(TeamsUser.Alex, "log", new Newtonsoft.Json.Linq.JObject { ["release"] = "REL-1013" });
        Assert.Contains("**deploy-pipeline** · ", Text(log));
        Assert.Contains("Registered the release (Registration)", Text(log));
    }

    [Fact]
    public async Task A_channel_subscribed_to_registrations_hears_of_a_release_registered_through_the_API()
    {
        const string Desk = "19:release-desk@thread.tacv2";
        var subscribed = await bot.SayForCardAsync(TeamsUser.Megan, "subscribe events registered", "en-US", TeamsPlace.Channel(Desk));
        Assert.Contains("This channel will receive: any group · any type · registered.", Text(subscribed));

        await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, ApiCaller.Registration());

        var calls = await bot.Connector.WaitForAsync(c => c.Any(x => x.Method == "CREATE") && c.Any(x => x.Method == "POST" && x.Body["text"]?.ToString().Contains("Registered") == true));
        var create = Assert.Single(calls, c => c.Method == "CREATE");
        Assert.Equal(Desk, (string?)create.Body.SelectToken("channelData.channel.id"));
        Assert.Contains("REL-1013 · Checkout service 4.2.0", Text(create.Body.SelectToken("activity.attachments[0].content")!));
        Assert.Contains(calls, c => c.Method == "POST" && c.Body["text"]?.ToString().Contains("deploy-pipeline: Registered the release (Registration)") == true);
    }

    [Theory]
    [InlineData("title", null, "title")]
    [InlineData("type", "Experimental", "type")]
    [InlineData("risk", "Severe", "risk")]
    [InlineData("priority", "7", "priority")]
    [InlineData("plannedStart", "2026-12-03T22:00:00", "plannedStart")]
    [InlineData("plannedEnd", "2026-12-03T20:00:00-03:00", "plannedEnd")]
    [InlineData("executorGroup", "Night Shift", "executorGroup")]
    public async Task Each_invalid_field_is_named_in_a_400_problem_and_nothing_is_registered(string field, string? value, string named)
    {
        var body = ApiCaller.Registration();
        body[field] = value is null ? null : field == "priority" ? JsonValue.Create(int.Parse(value)) : JsonValue.Create(value);

        var response = await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Equal([named], errors.Select(e => e.Key));
        Assert.Equal(12, await ReleaseCountAsync());
    }

    [Fact]
    public async Task A_requester_needs_an_identity_and_links_must_name_catalog_items()
    {
        var body = ApiCaller.Registration();
        body["requester"] = new JsonObject { ["name"] = "Adele Vance" };
        body["links"] = new JsonArray(new JsonObject { ["kind"] = "problems", ["externalId"] = "PRB-404" }, new JsonObject { ["kind"] = "people", ["externalId"] = "x" });

        var response = await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Equal(["links[0].externalId", "links[1].kind", "requester"], errors.Select(e => e.Key).Order());
        Assert.Equal(12, await ReleaseCountAsync());
    }

    [Fact]
    public async Task Catalog_items_named_at_registration_are_linked()
    {
        var body = ApiCaller.Registration();
        body["links"] = new JsonArray(new JsonObject { ["kind"] = "problems", ["externalId"] = "PRB-2001" });

        var response = await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var release = await response.JsonAsync();

        var link = Assert.Single(release["links"]!.AsArray());
        Assert.Equal("problem", (string?)link!["kind"]);
        Assert.Equal("PRB-2001", (string?)link["externalId"]);
        Assert.Equal("deploy-pipeline", (string?)link["linkedBy"]);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_release_and_another_body_with_it_is_422()
    {
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "run-8812" };
        var first = await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, ApiCaller.Registration(), headers);
        var again = await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, ApiCaller.Registration(), headers);
        var other = await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, ApiCaller.Registration("Something else 1.0"), headers);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal((string?)(await first.JsonAsync())["key"], (string?)(await again.JsonAsync())["key"]);
        Assert.Equal((HttpStatusCode)422, other.StatusCode);
        Assert.Equal(13, await ReleaseCountAsync());
    }

    [Fact]
    public async Task Two_requests_at_once_with_the_same_idempotency_key_register_one_release()
    {
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "run-9001" };
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, ApiCaller.Registration(), headers)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var keys = await Task.WhenAll(answers.Select(async a => (string?)(await a.JsonAsync())["key"]));
        Assert.Single(keys.Distinct());
        Assert.Equal(13, await ReleaseCountAsync());
    }

    [Fact]
    public async Task Releases_are_read_one_by_one_and_in_pages_filtered_by_status_and_group()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-9999", reader)).StatusCode);
        var one = await (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/rel-1007", reader)).JsonAsync();
        Assert.Equal(["done", "done", "done", "done", "done", "current"], one["flow"]!.AsArray().Select(s => (string?)s!["state"]));

        var all = await (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases?pageSize=5&page=3", reader)).JsonAsync();
        Assert.Equal(12, (int)all["total"]!);
        Assert.Equal(["REL-1011", "REL-1012"], all["items"]!.AsArray().Select(r => (string?)r!["key"]));

        var page = await (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases?status=registered&group=release%20engineers", reader)).JsonAsync();
        Assert.NotEmpty(page["items"]!.AsArray());
        Assert.All(page["items"]!.AsArray(), r =>
        {
            Assert.Equal("registered", (string?)r!["status"]);
            Assert.Equal("Release Engineers", (string?)r["executorGroup"]);
        });
        Assert.Equal(page["items"]!.AsArray().Count, (int)page["total"]!);

        var bad = await bot.SendAsync(HttpMethod.Get, "/api/v1/releases?status=done&pageSize=500", reader);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["pageSize", "status"], (await bad.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    [Fact]
    public async Task A_note_goes_to_the_execution_log_and_an_empty_one_is_refused()
    {
        var added = await bot.SendAsync(HttpMethod.Post, "/api/v1/releases/REL-1001/notes", writer,
            new { text = "Smoke tests failed on eu-west", url = "https://ci.example.test/runs/77" });
        var empty = await bot.SendAsync(HttpMethod.Post, "/api/v1/releases/REL-1001/notes", writer, new { text = "  " });
        var unknown = await bot.SendAsync(HttpMethod.Post, "/api/v1/releases/REL-9999/notes", writer, new { text = "x" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var log = (await (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1001/log", reader)).JsonAsync()).AsArray();
        Assert.Single(log, e => (string?)e!["occurrence"] == "noteAdded");
        var card = await bot.ClickForCardAsync(TeamsUser.Alex, "log", new Newtonsoft.Json.Linq.JObject { ["release"] = "REL-1001" });
        Assert.Contains("**deploy-pipeline** · ", Text(card));
        Assert.Contains("Added a note: Smoke tests failed on eu-west (https://ci.example.test/runs/77)", Text(card).Replace("\u200B", ""));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(Text(card), "Smoke tests failed on eu-west"));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        var huge = ApiCaller.Registration();
        huge["description"] = new string('x', (int)ApiSetup.MaxBodyBytes + 10);

        var response = await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(12, await ReleaseCountAsync());
    }

    [Fact]
    public async Task A_gate_long_polls_until_the_release_changes_and_a_wait_over_60_s_is_refused()
    {
        var before = await (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1001", reader)).JsonAsync();
        var started = DateTime.UtcNow;
        var waiting = bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1001?waitForChangeSeconds=20", reader);
        await Task.Delay(600);
        Assert.False(waiting.IsCompleted, "the gate waits while nothing changes");

        await bot.SendAsync(HttpMethod.Post, "/api/v1/releases/REL-1001/notes", writer, new { text = "Deployment started" });
        var changed = await (await waiting).JsonAsync();

        Assert.Equal((int)before["revision"]! + 1, (int)changed["revision"]!);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        var stale = await (await bot.SendAsync(HttpMethod.Get, $"/api/v1/releases/REL-1001?waitForChangeSeconds=5&revision={(int)before["revision"]!}", reader)).JsonAsync();
        Assert.Equal((int)changed["revision"]!, (int)stale["revision"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1001?waitForChangeSeconds=61", reader)).StatusCode);
    }

    [Fact]
    public async Task The_list_gives_the_releases_changed_since_a_time()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        await Task.Delay(1100);
        await bot.SendAsync(HttpMethod.Post, "/api/v1/releases/REL-1004/notes", writer, new { text = "Index build started" });
        var after = DateTimeOffset.UtcNow.AddMilliseconds(-500).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");

        var changed = await (await bot.SendAsync(HttpMethod.Get, $"/api/v1/releases?updatedSince={Uri.EscapeDataString(after)}", reader)).JsonAsync();
        Assert.Equal(["REL-1004"], changed["items"]!.AsArray().Select(r => (string?)r!["key"]));
        var all = await (await bot.SendAsync(HttpMethod.Get, $"/api/v1/releases?updatedSince={Uri.EscapeDataString(since)}", reader)).JsonAsync();
        Assert.True((int)all["total"]! >= 12);
        Assert.Equal(HttpStatusCode.BadRequest, (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases?updatedSince=yesterday", reader)).StatusCode);
    }
}
