using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace ReleaseBot.Tests.Http;

/// <summary>
/// Connector clients are kept per service URL for the life of an app, not of the process: another app in the same
/// process (a restart in a host, the next test) answering the same service URL with other credentials makes its own.
/// </summary>
public sealed class ConnectorClientTests : IAsyncLifetime
{
    private readonly AuthenticatedBot authenticated = new();
    private readonly BotApp anonymous = new();

    public async Task InitializeAsync()
    {
        await authenticated.InitializeAsync();
        await anonymous.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await anonymous.DisposeAsync();
        await authenticated.DisposeAsync();
    }

    [Fact]
    public async Task An_app_answers_through_its_own_client_even_when_another_app_kept_one_for_the_same_service_url()
    {
        // The authenticated app meets the anonymous app's connector first: its client there asks for tokens at a closed port.
        var serviceUrl = anonymous.Connector.ServiceUrl;
        var click = TeamsActivities.Invoke(serviceUrl, TeamsUser.Alex, TeamsPlace.Personal(TeamsUser.Alex), "details", new JObject { ["release"] = "REL-1001" }, "en-US");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(click.ToString(), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + authenticated.Issuer.ChannelToken(serviceUrl));
        Assert.Equal(HttpStatusCode.OK, (await authenticated.App.Http.SendAsync(request)).StatusCode);

        var card = await anonymous.SayForCardAsync(TeamsUser.Alex, "open REL-1001");

        Assert.Contains("REL-1001", card.ToString(Newtonsoft.Json.Formatting.None), StringComparison.Ordinal);
    }
}
