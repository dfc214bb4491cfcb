using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using ReleaseBot.Api;
using ReleaseBot.Tests.Http;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Api;

/// <summary>Webhooks: created with a secret, each release event POSTed signed through the outbox, retried, parked, and shown as deliveries.</summary>
public sealed class WebhooksApiTests : IAsyncLifetime
{
    private const string Secret = "s3cret-of-the-pipeline";
    private readonly BotApp bot = new(settings: new Dictionary<string, string?> { ["Notifications:Sender:MaxAttempts"] = "3" });
    private WebhookReceiver receiver = null!;
    private string hooks = "";
    private string writer = "";

    public async Task InitializeAsync()
    {
        await bot.InitializeAsync();
        receiver = await WebhookReceiver.StartAsync();
        hooks = await bot.NewKeyAsync("ci-hooks", ApiScope.WebhooksWrite);
        writer = await bot.NewKeyAsync("deploy-pipeline", ApiScope.ReleasesWrite, ApiScope.ReleasesRead);
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await receiver.DisposeAsync();
    }

    private async Task<long> CreateAsync(params string[] events)
    {
        var response = await bot.SendAsync(HttpMethod.Post, "/api/v1/webhooks", hooks, new { url = receiver.Url, events, secret = Secret });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonAsync();
        Assert.Null(created["secret"]);
        return (long)created["id"]!;
    }

    private static string Sign(string body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task A_release_executed_in_Teams_reaches_the_webhook_as_signed_events_ending_with_resolved()
    {
        await CreateAsync("*");
        var registered = await (await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, ApiCaller.Registration())).JsonAsync();
        var key = (string)registered["key"]!;
        await WalkToExecutionAndResolveAsync(key);

        var all = await receiver.WaitForAsync(r => r.Any(x => x.Headers["X-ReleaseBot-Event"] == "resolved"));
        foreach (var request in all)
        {
            Assert.Equal(Sign(request.Body), request.Headers["X-ReleaseBot-Signature"]);
            var body = JsonNode.Parse(request.Body)!;
            Assert.Equal(request.Headers["X-ReleaseBot-Event"], (string?)body["event"]);
            Assert.Equal(request.Headers["X-ReleaseBot-Delivery"], (string?)body["id"]);
            Assert.Equal(key, (string?)body["release"]!["key"]);
        }
        Assert.Equal("registered", all[0].Headers["X-ReleaseBot-Event"]);
        Assert.Equal(all.Count, all.Select(r => r.Headers["X-ReleaseBot-Delivery"]).Distinct().Count());
        var resolved = JsonNode.Parse(all.Single(r => r.Headers["X-ReleaseBot-Event"] == "resolved").Body)!;
        Assert.Equal("resolved", (string?)resolved["entry"]!["situation"]);
        Assert.Equal("CHG0012345", (string?)resolved["release"]!["externalId"]);
    }

    /// <summary>Walks the registered release through the demo flow in Teams until its execution is resolved.</summary>
    private async Task WalkToExecutionAndResolveAsync(string key)
    {
        foreach (var (user, step) in new[] { (TeamsUser.Lynne, "registro"), (TeamsUser.Lynne, "autorizacao"), (TeamsUser.Alex, "execucao") })
        {
            var card = await bot.SayForCardAsync(user, $"open {key}");
            if (step == "autorizacao")
            {
                // An approval: the board decides from the release card, without claiming it.
                var approved = await bot.ClickForCardAsync(user, "approve", Submit(card, "approve", ("comment", "Go")));
                Assert.Contains($"Approved: {key} moves on to the task Execution.", Text(approved));
                continue;
            }
            var form = await bot.ClickForCardAsync(user, "claim", ActionData(card, "claim"));
            var advance = (JObject)ActionData(form, "advance").DeepClone();
            advance["situation"] = "Resolvida";
            advance["category"] = Choices(form, "category").First().Value;
            advance["information"] = $"{step} done.";
            advance["releaseDate"] = "2026-12-04";
            var done = await bot.ClickForCardAsync(user, "advance", advance);
            Assert.Contains("advanced", Text(done));
        }
    }

    [Fact]
    public async Task A_failing_webhook_gets_the_same_delivery_id_on_every_retry_and_is_parked_after_the_last_attempt()
    {
        var id = await CreateAsync("noteAdded");
        receiver.AnswerNext(500, 503, 500);

        await bot.SendAsync(HttpMethod.Post, "/api/v1/releases/REL-1001/notes", writer, new { text = "Deployment started" });

        var tries = await receiver.WaitForAsync(r => r.Count >= 3, seconds: 30);
        Assert.Single(tries.Select(t => t.Headers["X-ReleaseBot-Delivery"]).Distinct());
        var deliveries = await WaitForDeliveriesAsync(id, d => (string?)d[0]!["status"] == "failed");
        Assert.Equal(3, (int)deliveries[0]!["attempts"]!);
        Assert.Equal("noteAdded", (string?)deliveries[0]!["event"]);
        var health = await (await bot.Http.GetAsync("/health")).JsonAsync();
        Assert.Equal("degraded", (string?)health["status"]);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_parks_the_delivery_at_once()
    {
        var id = await CreateAsync("noteAdded");
        receiver.AnswerNext(302);

        await bot.SendAsync(HttpMethod.Post, "/api/v1/releases/REL-1001/notes", writer, new { text = "Deployment started" });

        var deliveries = await WaitForDeliveriesAsync(id, d => (string?)d[0]!["status"] == "failed");
        Assert.Equal(1, (int)deliveries[0]!["attempts"]!);
        Assert.Contains("302", (string?)deliveries[0]!["lastError"]);
        Assert.Single(receiver.All);
    }

    [Fact]
    public async Task A_webhook_only_hears_the_events_it_asked_for_and_a_deleted_one_hears_nothing_more()
    {
        var notes = await CreateAsync("noteAdded");
        await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, ApiCaller.Registration());
        await bot.SendAsync(HttpMethod.Post, "/api/v1/releases/REL-1001/notes", writer, new { text = "Smoke tests passed" });
        var only = await receiver.WaitForAsync(r => r.Count >= 1);
        await Task.Delay(500);
        Assert.Equal(["noteAdded"], receiver.All.Select(r => r.Headers["X-ReleaseBot-Event"]));

        Assert.Equal(HttpStatusCode.NoContent, (await bot.SendAsync(HttpMethod.Delete, $"/api/v1/webhooks/{notes}", hooks)).StatusCode);
        await bot.SendAsync(HttpMethod.Post, "/api/v1/releases/REL-1001/notes", writer, new { text = "Rolled back" });
        await Task.Delay(700);
        Assert.Single(receiver.All);
        Assert.Equal(HttpStatusCode.NotFound, (await bot.SendAsync(HttpMethod.Get, $"/api/v1/webhooks/{notes}/deliveries", hooks)).StatusCode);
    }

    [Fact]
    public async Task A_webhook_needs_an_https_url_known_events_a_long_enough_secret_and_the_scope()
    {
        var bad = await bot.SendAsync(HttpMethod.Post, "/api/v1/webhooks", hooks, new { url = "http://ci.example.test/hook", events = new[] { "deployed" }, secret = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["events", "secret", "url"], (await bad.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal(HttpStatusCode.Forbidden, (await bot.SendAsync(HttpMethod.Post, "/api/v1/webhooks", writer, new { url = receiver.Url, events = new[] { "*" }, secret = Secret })).StatusCode);
        Assert.Empty((await (await bot.SendAsync(HttpMethod.Get, "/api/v1/webhooks", hooks)).JsonAsync()).AsArray());
    }

    private async Task<JsonArray> WaitForDeliveriesAsync(long id, Func<JsonArray, bool> done)
    {
        for (var i = 0; i < 300; i++)
        {
            var deliveries = (await (await bot.SendAsync(HttpMethod.Get, $"/api/v1/webhooks/{id}/deliveries", hooks)).JsonAsync()).AsArray();
            if (deliveries.Count > 0 && done(deliveries)) return deliveries;
            await Task.Delay(100);
        }
        throw new TimeoutException("The deliveries never got there.");
    }
}
