using System.Net;
using Newtonsoft.Json.Linq;

namespace ReleaseBot.Tests.Http;

/// <summary>The answer to a card action is the next card, in the HTTP response, as compact JSON.</summary>
public sealed class InvokeResponseTests : IAsyncLifetime
{
    private readonly BotApp bot = new();

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task The_next_card_comes_back_as_compact_json_with_no_call_to_the_connector()
    {
        var activity = TeamsActivities.Invoke(bot.Connector.ServiceUrl, TeamsUser.Alex, TeamsPlace.Personal(TeamsUser.Alex), "details",
            new JObject { ["release"] = "REL-1001" }, "en-US");

        var response = await bot.PostAsync(activity.ToString());
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain('\n', body);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)JObject.Parse(body)["type"]);
        Assert.Empty(bot.Connector.Calls);
    }
}
