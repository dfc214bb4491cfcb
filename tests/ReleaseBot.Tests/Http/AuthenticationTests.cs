using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace ReleaseBot.Tests.Http;

/// <summary>The bot with authentication on, against a <see cref="LocalOpenIdIssuer"/>: one app for all the refusals.</summary>
public sealed class AuthenticatedBot : IAsyncLifetime
{
    public LocalOpenIdIssuer Issuer { get; private set; } = null!;
    public BotApp App { get; private set; } = null!;
    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Issuer = await LocalOpenIdIssuer.SharedAsync();
        App = new BotApp(services => services.AddSingleton<ILoggerProvider>(Logs), Issuer.BotSettings);
        await App.InitializeAsync();
    }

    public Task DisposeAsync() => App.DisposeAsync();

    /// <summary>POSTs an activity with this Authorization header (none when null).</summary>
    public Task<HttpResponseMessage> PostAsync(JObject activity, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json") };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return App.Http.SendAsync(request);
    }

    /// <summary>A click on "Confirm the assignment" of REL-1001 by Alex, with the revision it has now: applied if it were let in.</summary>
    public async Task<JObject> ClaimOfRel1001Async() =>
        TeamsActivities.Invoke(App.Connector.ServiceUrl, TeamsUser.Alex, TeamsPlace.Personal(TeamsUser.Alex), "claim",
            new JObject { ["release"] = "REL-1001", ["revision"] = (await SnapshotAsync()).Revision }, "en-US");

    public sealed record Snapshot(int Revision, string? Assignee, string Status, int LogEntries);

    public async Task<Snapshot> SnapshotAsync()
    {
        await using var db = App.Database.NewDb();
        var release = await db.Releases.AsNoTracking().Include(r => r.Tasks).SingleAsync(r => r.Key == "REL-1001");
        var logEntries = await db.ExecutionLog.CountAsync(e => e.ReleaseId == release.Id);
        return new Snapshot(release.Revision, release.Tasks.SingleOrDefault(t => t.FinishedAt == null)?.AssigneeName, release.Status.ToString(), logEntries);
    }
}

/// <summary>
/// Every malformed, forged, expired or mis-addressed token is refused with 401 and a problem body (never a 5xx, never a
/// stack trace), logged as one warning line without the token, and the click it carried changes nothing.
/// </summary>
public sealed class AuthenticationTests(AuthenticatedBot bot) : IClassFixture<AuthenticatedBot>
{
    /// <summary>Each forgery: its Authorization header, for an activity whose serviceUrl is the one given.</summary>
    private static readonly Dictionary<string, Func<LocalOpenIdIssuer, string, string?>> Forgeries = new()
    {
        ["alg none"] = (issuer, url) => "Bearer " + Token.Channel(url).Unsigned(issuer.ChannelKey.Kid),
        ["another RSA key with the channel key's kid"] = (issuer, url) => "Bearer " + Token.Channel(url).SignedWith(issuer.ChannelKey.Kid, RSA.Create(2048)),
        ["HS256 signed with the channel's public key"] = (issuer, url) =>
            "Bearer " + Token.Channel(url).HmacSignedWith(issuer.ChannelKey.Kid, Encoding.ASCII.GetBytes(issuer.ChannelKey.Rsa.ExportSubjectPublicKeyInfoPem())),
        ["nbf in the future"] = (issuer, url) => "Bearer " + Token.Channel(url, DateTimeOffset.UtcNow.AddMinutes(20)).SignedWith(issuer.ChannelKey),
        ["expired"] = (issuer, url) => "Bearer " + Token.Channel(url, DateTimeOffset.UtcNow.AddHours(-2)).SignedWith(issuer.ChannelKey),
        ["payload tampered after signing"] = (issuer, url) =>
            "Bearer " + Token.Tampered(Token.Channel(url).SignedWith(issuer.ChannelKey), c => c["exp"] = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds()),
        ["wrong audience"] = (issuer, url) => "Bearer " + Token.Channel(url).With("aud", "11111111-2222-3333-4444-555555555555").SignedWith(issuer.ChannelKey),
        ["wrong issuer"] = (issuer, url) => "Bearer " + Token.Channel(url).With("iss", "https://evil.example").SignedWith(issuer.ChannelKey),
        ["Emulator issuer signed with the channel key"] = (issuer, url) =>
            "Bearer " + Token.Channel(url).With("iss", LocalOpenIdIssuer.EmulatorIssuer).With("ver", "1.0").With("appid", LocalOpenIdIssuer.AppId).SignedWith(issuer.ChannelKey),
        ["skill token from another bot"] = (issuer, url) =>
            "Bearer " + Token.Channel(url).With("iss", LocalOpenIdIssuer.EmulatorIssuer).With("ver", "1.0").With("appid", "99999999-8888-7777-6666-555555555555").SignedWith(issuer.EmulatorKey),
        ["garbage Bearer string"] = (_, _) => "Bearer not.a.jwt",
        ["Basic credentials"] = (_, _) => "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("releasebot:password")),
        ["missing Authorization"] = (_, _) => null,
        ["serviceUrl claim of another service"] = (issuer, _) => "Bearer " + Token.Channel("https://smba.trafficmanager.net/emea/").SignedWith(issuer.ChannelKey),
        ["no serviceUrl claim"] = (issuer, url) => "Bearer " + Token.Channel(url).Without("serviceurl").SignedWith(issuer.ChannelKey),
        ["a key without the msteams endorsement"] = (issuer, url) => "Bearer " + Token.Channel(url).SignedWith(issuer.WebChatKey),
    };

    public static TheoryData<string> ForgeryKinds => [.. Forgeries.Keys];

    [Theory]
    [MemberData(nameof(ForgeryKinds))]
    public async Task A_forged_token_is_refused_with_401_and_changes_nothing(string kind)
    {
        var click = await bot.ClaimOfRel1001Async();
        var before = await bot.SnapshotAsync();
        var authorization = Forgeries[kind](bot.Issuer, bot.App.Connector.ServiceUrl);
        bot.Logs.Clear();

        var response = await bot.PostAsync(click, authorization);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (int)JObject.Parse(body)["status"]!);
        Assert.DoesNotContain("Exception", body);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(before, await bot.SnapshotAsync());
        Assert.Empty(bot.App.Connector.Calls);

        var refusal = Assert.Single(bot.Logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, refusal.Level);
        Assert.Null(refusal.Exception);
        Assert.DoesNotContain('\n', refusal.Written);
        if (authorization?.Split(' ').Last() is { } token) Assert.DoesNotContain(token, refusal.Written);
        Assert.DoesNotContain("eyJ", refusal.Written);
    }

    [Fact]
    public async Task A_valid_channel_token_is_accepted()
    {
        var open = TeamsActivities.Invoke(bot.App.Connector.ServiceUrl, TeamsUser.Alex, TeamsPlace.Personal(TeamsUser.Alex), "open",
            new JObject { ["release"] = "REL-1001" }, "en-US");

        var response = await bot.PostAsync(open, "Bearer " + bot.Issuer.ChannelToken(bot.App.Connector.ServiceUrl));

        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        Assert.Contains("REL-1001", body["value"]!.ToString());
    }

    [Fact]
    public async Task An_Emulator_token_vouches_for_no_serviceUrl_so_only_trusted_hosts_are_called()
    {
        // A token the Emulator gets from Azure AD for this bot is valid, but it names no serviceUrl: the bot calls only hosts
        // of its allow-list (loopback by default) for it.
        var emulatorToken = "Bearer " + new Token().With("iss", LocalOpenIdIssuer.EmulatorIssuer).With("ver", "1.0").With("appid", LocalOpenIdIssuer.AppId)
            .With("aud", LocalOpenIdIssuer.AppId).With("nbf", DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds())
            .With("exp", DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds()).SignedWith(bot.Issuer.EmulatorKey);
        var open = (string serviceUrl) => TeamsActivities.Invoke(serviceUrl, TeamsUser.Alex, TeamsPlace.Personal(TeamsUser.Alex), "open",
            new JObject { ["release"] = "REL-1001" }, "en-US");

        var elsewhere = await bot.PostAsync(open("https://evil.example/"), emulatorToken);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal("application/problem+json", elsewhere.Content.Headers.ContentType?.MediaType);

        var local = await bot.PostAsync(open(bot.App.Connector.ServiceUrl), emulatorToken);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }
}

/// <summary>The positive control of <see cref="AuthenticationTests"/>: the same click with a valid token is applied.</summary>
public sealed class ValidTokenTests : IAsyncLifetime
{
    private readonly AuthenticatedBot bot = new();

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task A_click_with_a_valid_token_is_applied()
    {
        var click = await bot.ClaimOfRel1001Async();
        var before = await bot.SnapshotAsync();

        var response = await bot.PostAsync(click, "Bearer " + bot.Issuer.ChannelToken(bot.App.Connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        var after = await bot.SnapshotAsync();
        Assert.True(after.Revision > before.Revision);
        Assert.Equal("Alex Wilber", after.Assignee);
    }
}

/// <summary>When the signing keys cannot be read, the bot cannot tell a good token from a bad one: 503, so that the channel retries.</summary>
public sealed class UnreadableKeysTests : IAsyncLifetime
{
    private readonly CapturedLogs logs = new();
    private BotApp app = null!;
    private LocalOpenIdIssuer issuer = null!;

    public async Task InitializeAsync()
    {
        issuer = await LocalOpenIdIssuer.SharedAsync();
        // A port where nothing listens, read over plain HTTP like the local issuer's.
        var nowhere = $"http://127.0.0.1:9/{Guid.NewGuid():N}/.well-known/openidconfiguration";
        LocalOpenIdIssuer.AllowPlainHttpMetadata(nowhere);
        app = new BotApp(services => services.AddSingleton<ILoggerProvider>(logs),
            new Dictionary<string, string?>(issuer.BotSettings) { ["ToBotFromChannelOpenIdMetadataUrl"] = nowhere });
        await app.InitializeAsync();
    }

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_token_that_cannot_be_checked_gets_a_503_and_no_token_a_401()
    {
        var open = TeamsActivities.Invoke(app.Connector.ServiceUrl, TeamsUser.Alex, TeamsPlace.Personal(TeamsUser.Alex), "open", new JObject { ["release"] = "REL-1001" }, "en-US");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(open.ToString(), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + issuer.ChannelToken(app.Connector.ServiceUrl));

        var response = await app.Http.SendAsync(request);

        await MalformedActivityTests.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "keys unavailable");
        // The bot's own lines only: on a fresh PostgreSQL database EF logs its first look for the migrations table as an error.
        var error = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("ReleaseBot", StringComparison.Ordinal));
        Assert.Null(error.Exception);
        Assert.DoesNotContain('\n', error.Written);
        var anonymous = await app.PostAsync(open.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
