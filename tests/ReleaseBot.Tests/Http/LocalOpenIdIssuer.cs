using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Newtonsoft.Json.Linq;

namespace ReleaseBot.Tests.Http;

/// <summary>
/// The Bot Framework's token issuers, played on a loopback port: an OpenID configuration and a JWKS for the channel
/// (its signing key endorsed for <c>msteams</c>, as the Bot Framework publishes its keys, plus a key endorsed only for
/// <c>webchat</c>), and another pair for the Emulator (Azure AD) with a key of its own. The bot's SDK configuration keys
/// (<see cref="BotSettings"/>) point here, and tokens are signed with these keys (<see cref="Token"/>).
/// </summary>
public sealed class LocalOpenIdIssuer
{
    public const string AppId = "5b0e3f4c-1d2a-4c6e-9f80-0a1b2c3d4e5f";
    public const string TenantId = "7c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5";
    public const string ChannelIssuer = "https://api.botframework.com";
    /// <summary>An issuer of Azure AD tokens the SDK takes for the Emulator (Bot Framework's own tenant, v1 tokens).</summary>
    public const string EmulatorIssuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

    private static readonly Lazy<Task<LocalOpenIdIssuer>> SharedIssuer = new(StartAsync);

    private LocalOpenIdIssuer(string baseUrl)
    {
        BaseUrl = baseUrl;
    }

    /// <summary>One issuer for the whole test run: the SDK keeps what it read from a metadata address for the life of the process.</summary>
    public static Task<LocalOpenIdIssuer> SharedAsync() => SharedIssuer.Value;

    public string BaseUrl { get; }
    public string ChannelMetadataUrl => BaseUrl + "channel/.well-known/openidconfiguration";
    public string EmulatorMetadataUrl => BaseUrl + "emulator/.well-known/openid-configuration";

    /// <summary>The channel's signing key, endorsed for msteams.</summary>
    public SigningKey ChannelKey { get; } = new("channel-key-1", ["msteams", "skype"]);
    /// <summary>A channel key published without the msteams endorsement.</summary>
    public SigningKey WebChatKey { get; } = new("webchat-key-1", ["webchat"]);
    /// <summary>The Emulator's (Azure AD's) signing key: published without endorsements, as Azure AD does.</summary>
    public SigningKey EmulatorKey { get; } = new("aad-key-1", null);

    /// <summary>The configuration that turns the bot's authentication on against this issuer (SingleTenant).</summary>
    public IReadOnlyDictionary<string, string?> BotSettings => new Dictionary<string, string?>
    {
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "not-a-real-secret",
        ["MicrosoftAppTenantId"] = TenantId,
        ["ToBotFromChannelTokenIssuer"] = ChannelIssuer,
        ["ToBotFromChannelOpenIdMetadataUrl"] = ChannelMetadataUrl,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = EmulatorMetadataUrl,
        ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
        // Outbound tokens (for replies through the connector) would be asked here: a closed loopback port, never the
        // internet. The tests use card actions, answered in the HTTP response, which need no outbound token.
        ["ToChannelFromBotLoginUrl"] = "https://127.0.0.1:9/" + TenantId,
        ["OAuthUrl"] = "https://127.0.0.1:9/",
        ["ValidateAuthority"] = "false",
    };

    private static async Task<LocalOpenIdIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalOpenIdIssuer? issuer = null;
        app.MapGet("/channel/.well-known/openidconfiguration", () => Json(Metadata(ChannelIssuer, issuer!.BaseUrl + "channel/keys")));
        app.MapGet("/channel/keys", () => Json(new JObject { ["keys"] = new JArray(issuer!.ChannelKey.Jwk(), issuer.WebChatKey.Jwk()) }));
        app.MapGet("/emulator/.well-known/openid-configuration", () => Json(Metadata(EmulatorIssuer, issuer!.BaseUrl + "emulator/keys")));
        app.MapGet("/emulator/keys", () => Json(new JObject { ["keys"] = new JArray(issuer!.EmulatorKey.Jwk()) }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        issuer = new LocalOpenIdIssuer(address.TrimEnd('/') + "/");
        AllowPlainHttpMetadata(issuer.ChannelMetadataUrl);
        AllowPlainHttpMetadata(issuer.EmulatorMetadataUrl);
        return issuer;
    }

    private static JObject Metadata(string issuer, string keys) => new()
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = "https://invalid.example/authorize",
        ["jwks_uri"] = keys,
        ["id_token_signing_alg_values_supported"] = new JArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JArray("private_key_jwt"),
    };

    private static IResult Json(JObject body) => Results.Text(body.ToString(), "application/json");

    /// <summary>
    /// IdentityModel reads OpenID metadata over HTTPS only, through a client the SDK creates itself, which trusts only the
    /// machine's certificate authorities; a test must not add one. So the SDK's metadata manager for this address is
    /// registered beforehand, with the same retriever allowing plain HTTP on loopback. Everything after that (keys, their
    /// endorsements, which the SDK reads itself, signature, algorithm, issuer, audience, lifetime, serviceUrl) is the SDK's own
    /// validation.
    /// </summary>
    public static void AllowPlainHttpMetadata(string metadataUrl)
    {
        var field = typeof(JwtTokenExtractor).GetField("_openIdMetadataCache", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("The SDK's JwtTokenExtractor no longer has its _openIdMetadataCache: update LocalOpenIdIssuer.");
        var cache = (ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>>)field.GetValue(null)!;
        var retriever = new HttpDocumentRetriever(new HttpClient()) { RequireHttps = false };
        if (!cache.TryAdd(metadataUrl, new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl, new OpenIdConnectConfigurationRetriever(), retriever)))
            throw new InvalidOperationException($"The SDK already read {metadataUrl}.");
    }

    /// <summary>A valid channel token for the bot, vouching for this serviceUrl.</summary>
    public string ChannelToken(string serviceUrl) => Token.Channel(serviceUrl).SignedWith(ChannelKey);

    /// <summary>An RSA key as the issuer publishes it (a JWK with the Bot Framework's "endorsements" array).</summary>
    public sealed class SigningKey(string kid, string[]? endorsements)
    {
        public string Kid { get; } = kid;
        public RSA Rsa { get; } = RSA.Create(2048);

        public JObject Jwk()
        {
            var parameters = Rsa.ExportParameters(false);
            var jwk = new JObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = Kid,
                ["n"] = Token.Base64Url(parameters.Modulus!),
                ["e"] = Token.Base64Url(parameters.Exponent!),
            };
            if (endorsements is not null) jwk["endorsements"] = new JArray(endorsements);
            return jwk;
        }
    }
}

/// <summary>A JWT being made: its header and claims, signed at the end in one of several (honest or forged) ways.</summary>
public sealed class Token
{
    public JObject Header { get; } = new() { ["typ"] = "JWT" };
    public JObject Claims { get; } = [];

    /// <summary>The claims of a token that the Bot Framework channel sends to the bot.</summary>
    public static Token Channel(string serviceUrl, DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        var token = new Token();
        token.Claims["serviceurl"] = serviceUrl;
        token.Claims["nbf"] = at.AddMinutes(-1).ToUnixTimeSeconds();
        token.Claims["exp"] = at.AddMinutes(30).ToUnixTimeSeconds();
        token.Claims["iat"] = at.AddMinutes(-1).ToUnixTimeSeconds();
        token.Claims["iss"] = LocalOpenIdIssuer.ChannelIssuer;
        token.Claims["aud"] = LocalOpenIdIssuer.AppId;
        return token;
    }

    public Token With(string claim, JToken value)
    {
        Claims[claim] = value;
        return this;
    }

    public Token Without(string claim)
    {
        Claims.Remove(claim);
        return this;
    }

    /// <summary>RS256 with this key, its kid in the header.</summary>
    public string SignedWith(LocalOpenIdIssuer.SigningKey key) => SignedWith(key.Kid, key.Rsa);

    public string SignedWith(string kid, RSA rsa)
    {
        Header["alg"] = "RS256";
        Header["kid"] = kid;
        var content = Content();
        return content + "." + Base64Url(rsa.SignData(Encoding.ASCII.GetBytes(content), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>HS256 with these bytes as the shared secret (the classic confusion: the public key used as an HMAC key).</summary>
    public string HmacSignedWith(string kid, byte[] secret)
    {
        Header["alg"] = "HS256";
        Header["kid"] = kid;
        var content = Content();
        return content + "." + Base64Url(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(content)));
    }

    /// <summary>An unsecured JWT: alg "none", no signature.</summary>
    public string Unsigned(string kid)
    {
        Header["alg"] = "none";
        Header["kid"] = kid;
        return Content() + ".";
    }

    private string Content() =>
        Base64Url(Encoding.UTF8.GetBytes(Header.ToString(Newtonsoft.Json.Formatting.None))) + "." +
        Base64Url(Encoding.UTF8.GetBytes(Claims.ToString(Newtonsoft.Json.Formatting.None)));

    /// <summary>The token with its claims replaced after signing (the signature kept).</summary>
    public static string Tampered(string jwt, Action<JObject> change)
    {
        var parts = jwt.Split('.');
        var claims = JObject.Parse(Encoding.UTF8.GetString(Base64UrlDecode(parts[1])));
        change(claims);
        return parts[0] + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToString(Newtonsoft.Json.Formatting.None))) + "." + parts[2];
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
    }
}
