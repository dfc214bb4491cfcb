using System.Net;
using System.Security.Cryptography;
using Newtonsoft.Json.Linq;
using ReleaseBot.Api;
using ReleaseBot.Tests.Http;

namespace ReleaseBot.Tests.Api;

/// <summary>Entra ID bearer tokens for the API, when configured: signed by the tenant's keys, for this API, app roles as scopes.</summary>
public sealed class EntraTokenTests : IAsyncLifetime
{
    private const string Audience = "api://releasebot-tests";
    private LocalOpenIdIssuer issuer = null!;
    private BotApp bot = null!;

    public async Task InitializeAsync()
    {
        issuer = await LocalOpenIdIssuer.SharedAsync();
        bot = new BotApp(settings: new Dictionary<string, string?>
        {
            ["Api:Entra:MetadataAddress"] = issuer.EmulatorMetadataUrl,
            ["Api:Entra:Audience"] = Audience,
        });
        await bot.InitializeAsync();
    }

    public Task DisposeAsync() => bot.DisposeAsync();

    private static Token AppToken(params string[] roles)
    {
        var now = DateTimeOffset.UtcNow;
        var token = new Token()
            .With("iss", LocalOpenIdIssuer.EmulatorIssuer).With("aud", Audience).With("azp", "deploy-pipeline-app")
            .With("nbf", now.AddMinutes(-1).ToUnixTimeSeconds()).With("exp", now.AddMinutes(30).ToUnixTimeSeconds()).With("iat", now.AddMinutes(-1).ToUnixTimeSeconds());
        return token.With("roles", new JArray(roles));
    }

    [Fact]
    public async Task A_token_of_the_tenant_for_this_API_grants_the_scopes_of_its_app_roles()
    {
        var reader = AppToken(ApiScope.ReleasesRead).SignedWith(issuer.EmulatorKey);
        var writer = AppToken(ApiScope.ReleasesWrite, ApiScope.ReleasesRead).SignedWith(issuer.EmulatorKey);

        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1001", reader)).StatusCode);
        var forbidden = await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", reader, ApiCaller.Registration());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);

        var registered = await bot.SendAsync(HttpMethod.Post, "/api/v1/releases", writer, ApiCaller.Registration());
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var log = (await (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1013/log", writer)).JsonAsync()).AsArray();
        Assert.Equal("deploy-pipeline-app", (string?)log[0]!["actor"]);

        var key = await bot.NewKeyAsync("still-works", ApiScope.ReleasesRead);
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1001", key)).StatusCode);
    }

    [Fact]
    public async Task A_forged_expired_or_foreign_token_is_refused_with_401()
    {
        using var forger = RSA.Create(2048);
        var forged = AppToken(ApiScope.Admin).SignedWith(issuer.EmulatorKey.Kid, forger);
        var expired = AppToken(ApiScope.Admin).With("exp", DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds()).SignedWith(issuer.EmulatorKey);
        var otherApi = AppToken(ApiScope.Admin).With("aud", "api://someone-else").SignedWith(issuer.EmulatorKey);

        foreach (var token in new[] { forged, expired, otherApi })
        {
            var refused = await bot.SendAsync(HttpMethod.Get, "/api/v1/releases/REL-1001", token);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }
}
