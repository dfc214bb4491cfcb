using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Newtonsoft.Json.Linq;
using ReleaseBot.Cards;
using ReleaseBot.Features.Flow;
using ReleaseBot.Tests.Http;
using SkiaSharp;

namespace ReleaseBot.Tests.Web;

/// <summary>A release outside Teams: its page at the canonical URL, and the flow picture behind a signed, expiring URL.</summary>
public sealed class ReleasePageTests : IAsyncLifetime
{
    private const string PublicUrl = "https://releasebot.example.com";
    private const string SigningKey = "the key that signs the flow pictures in these tests";
    private readonly BotApp bot = new(settings: new Dictionary<string, string?> { ["Bot:PublicUrl"] = PublicUrl, ["Bot:LinkSigningKey"] = SigningKey });

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Theory]
    [InlineData("en-US", "Picture of the flow of REL-1001")]
    [InlineData("pt-BR", "Imagem do fluxo de REL-1001")]
    public async Task The_flow_cards_picture_is_the_flow_drawn_with_the_current_step_highlighted(string locale, string alt)
    {
        var card = await bot.ClickForCardAsync(TeamsUser.Alex, "flow", new JObject { ["release"] = "REL-1001" }, locale);
        var url = new Uri((string)card.SelectToken("body[?(@.type == 'Image')].url")!);
        Assert.Equal(PublicUrl, url.GetLeftPart(UriPartial.Authority));

        var response = await bot.Http.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var picture = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(picture);
        Assert.InRange(picture.Width, 480, 1600);
        Assert.InRange(picture.Height, 200, 4000);
        Assert.StartsWith(alt, (string?)card.SelectToken("body[?(@.type == 'Image')].altText"));
        var highlighted = 0;
        for (var y = 0; y < picture.Height; y += 2)
            for (var x = 0; x < picture.Width; x += 2)
                if (picture.GetPixel(x, y) == FlowPicture.Highlight) highlighted++;
        Assert.True(highlighted > 500, $"the current step's box is filled with the highlight colour ({highlighted} sampled pixels)");
    }

    [Theory]
    [InlineData("sig")]
    [InlineData("sig last")]
    [InlineData("sig garbage")]
    [InlineData("sig long")]
    [InlineData("exp")]
    [InlineData("lang")]
    [InlineData("tz")]
    [InlineData("release")]
    [InlineData("no signature")]
    public async Task A_picture_url_that_was_changed_is_refused(string change)
    {
        var path = Links(DateTimeOffset.UtcNow).SignedPicturePath("REL-1001", "en");
        var changed = change switch
        {
            "sig" => path[..^2] + (path[^2] == 'A' ? "BB" : "AA"),
            "sig last" => path[..^1] + (path[^1] == 'B' ? "C" : "B"), // also a different encoding of the same first 31 bytes
            "sig garbage" => path[..(path.IndexOf("&sig=", StringComparison.Ordinal) + 5)] + "%2B%2F%3D!!",
            "sig long" => path + "AAAA",
            "exp" => path.Replace("&exp=", "&exp=1"),
            "lang" => path.Replace("lang=en", "lang=pt-BR"),
            "tz" => path.Replace("tz=UTC", "tz=America%2FSao_Paulo"),
            "release" => path.Replace("REL-1001", "REL-1002"),
            _ => path[..path.IndexOf("&sig=", StringComparison.Ordinal)],
        };
        Assert.NotEqual(path, changed);
        Assert.Equal(HttpStatusCode.OK, (await bot.Http.GetAsync(path)).StatusCode);
        var refused = await bot.Http.GetAsync(changed);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_picture_of_a_flow_card_shows_times_in_the_zone_of_its_reader_as_the_list_does()
    {
        var click = TeamsActivities.Invoke(bot.Connector.ServiceUrl, TeamsUser.Alex, TeamsPlace.Personal(TeamsUser.Alex), "flow", new JObject { ["release"] = "REL-1001" }, "pt-BR");
        click["localTimezone"] = "America/Sao_Paulo";
        var card = (JObject)JObject.Parse(await (await bot.PostAsync(click.ToString())).Content.ReadAsStringAsync())["value"]!;
        Assert.Contains("(America/Sao", card.ToString()); // the list below, in the zone
        var url = new Uri((string)card.SelectToken("body[?(@.type == 'Image')].url")!);
        Assert.Contains("&tz=America%2FSao_Paulo&", url.Query);
        var inZone = await bot.Http.GetByteArrayAsync(url.PathAndQuery);
        var inUtc = await bot.Http.GetByteArrayAsync(Links(DateTimeOffset.UtcNow).SignedPicturePath("REL-1001", "pt-BR"));
        Assert.NotEqual(inUtc, inZone); // the done steps' times differ
    }

    [Fact]
    public async Task An_expired_picture_url_is_refused_and_a_good_one_for_no_release_is_not_found()
    {
        var expired = Links(DateTimeOffset.UtcNow.AddDays(-8)).SignedPicturePath("REL-1001", "en");
        Assert.Equal(HttpStatusCode.Forbidden, (await bot.Http.GetAsync(expired)).StatusCode);
        var missing = Links(DateTimeOffset.UtcNow).SignedPicturePath("REL-9999", "en");
        Assert.Equal(HttpStatusCode.NotFound, (await bot.Http.GetAsync(missing)).StatusCode);
    }

    [Fact]
    public async Task The_flow_card_and_the_page_show_every_step_the_release_went_through_not_only_its_last()
    {
        // REL-1007 went through Registration, Authorization, Execution, Test and Acceptance; Closure is current.
        var card = await bot.ClickForCardAsync(TeamsUser.Alex, "flow", new JObject { ["release"] = "REL-1007" });
        var marks = card.SelectTokens("$..columns[0].items[0].text").Select(t => (string)t!).ToList();
        Assert.Equal(["✓", "✓", "✓", "✓", "✓", "▶"], marks);

        var html = await PageAsync("/releases/REL-1007", null, HttpStatusCode.OK);
        Assert.Equal(5, html.Split("<span class=\"state\">(Done)</span>").Length - 1);
        Assert.Contains("aria-current=\"step\">Closure", html);
    }

    [Theory]
    [InlineData("pt-BR,pt;q=0.9,en;q=0.8", "pt-BR", "Detalhes", "Registro de Execução — REL-1001")]
    [InlineData("fr-FR,en;q=0.5,pt;q=0.3", "en", "Details", "Execution log — REL-1001")]
    [InlineData(null, "en", "Details", "Execution log — REL-1001")]
    public async Task The_page_is_in_the_browsers_language(string? acceptLanguage, string lang, string details, string log)
    {
        var html = await PageAsync("/releases/rel-1001", acceptLanguage, HttpStatusCode.OK);
        Assert.Contains($"<html lang=\"{lang}\">", html);
        Assert.Contains($">{details}</h2>", html);
        Assert.Contains($">{log}</h2>", html);
        Assert.Contains("<img src=\"/releases/REL-1001/flow.png?lang=", html);
    }

    [Fact]
    public async Task A_release_that_does_not_exist_has_a_page_that_says_so_and_echoes_nothing_as_html()
    {
        var html = await PageAsync("/releases/%3Cb%3Enope", "pt-BR", HttpStatusCode.NotFound);
        Assert.Contains("Liberação não encontrada", html);
        Assert.Contains("“&lt;b&gt;nope”", html);
        Assert.DoesNotContain("<b>nope", html);
    }

    private async Task<string> PageAsync(string path, string? acceptLanguage, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null) request.Headers.Add("Accept-Language", acceptLanguage);
        var response = await bot.Http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'none'; img-src 'self'; style-src 'sha256-", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The app's own signer, as it would sign at <paramref name="now"/>.</summary>
    private static ReleaseLinks Links(DateTimeOffset now) =>
        new(Options.Create(new ReleaseLinkOptions { PublicUrl = PublicUrl, LinkSigningKey = SigningKey }), new FakeTimeProvider(now));
}

/// <summary>With sign-in on, the page is for signed-in people of the tenant; Teams still gets the picture by its signed URL.</summary>
public sealed class ReleasePageSignInTests : IAsyncLifetime
{
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string AuthorizeEndpoint = $"https://login.microsoftonline.com/{Tenant}/oauth2/v2.0/authorize";
    private readonly BotApp bot = new(
        services => services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o =>
            // What the tenant's metadata document says, so that no test reaches the internet.
            o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(new OpenIdConnectConfiguration
            {
                AuthorizationEndpoint = AuthorizeEndpoint,
                Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0",
            })),
        new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = Tenant,
            ["AzureAd:ClientId"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            ["Bot:PublicUrl"] = "https://releasebot.example.com",
        });

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task Someone_not_signed_in_is_sent_to_the_tenants_sign_in_and_sees_nothing_of_the_release()
    {
        var response = await bot.ClientWithoutRedirects().GetAsync("/releases/REL-1001");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(AuthorizeEndpoint + "?", location);
        Assert.Contains("client_id=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", location);
        Assert.Contains("redirect_uri=", location);
        Assert.DoesNotContain("Payments", await response.Content.ReadAsStringAsync());

        var card = await bot.ClickForCardAsync(TeamsUser.Alex, "flow", new JObject { ["release"] = "REL-1001" });
        var picture = new Uri((string)card.SelectToken("body[?(@.type == 'Image')].url")!);
        Assert.Equal(HttpStatusCode.OK, (await bot.Http.GetAsync(picture.PathAndQuery)).StatusCode);
    }
}
