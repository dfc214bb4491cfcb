using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace ReleaseBot.Tests.Http;

/// <summary>Talks to a bot as Teams does: activities POSTed to its /api/messages, replies read from the <see cref="LocalConnector"/>.</summary>
public abstract class BotClient
{
    public abstract HttpClient Http { get; }
    public abstract LocalConnector Connector { get; }

    public Task<HttpResponseMessage> PostAsync(string json) =>
        Http.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Sends a typed message and returns what the bot sent back to that conversation.</summary>
    public async Task<IReadOnlyList<JObject>> SayAsync(TeamsUser user, string text, string locale = "en-US", TeamsPlace? place = null)
    {
        place ??= TeamsPlace.Personal(user);
        Connector.Drain();
        var response = await PostAsync(TeamsActivities.Message(Connector.ServiceUrl, user, place, text, locale).ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await RepliesDeliveredAsync(place.ConversationId);
        // Only the answer in this conversation: the notification sender may be posting elsewhere meanwhile.
        return Connector.Drain().Where(s => s.ConversationId == place.ConversationId).Select(s => s.Activity).ToList();
    }

    /// <summary>
    /// Waits until no reply of the conversation waits in the bot's outbox: on a slow machine a reply can miss its deadline,
    /// and the outbox delivers it after the turn has been answered.
    /// </summary>
    protected virtual Task RepliesDeliveredAsync(string conversationId) => Task.CompletedTask;

    /// <summary>Sends a typed message and returns the one card the bot answered with.</summary>
    public async Task<JObject> SayForCardAsync(TeamsUser user, string text, string locale = "en-US", TeamsPlace? place = null)
    {
        var replies = await SayAsync(user, text, locale, place);
        var reply = Assert.Single(replies);
        return (JObject)reply.SelectToken("attachments[0].content")!;
    }

    /// <summary>Clicks an Action.Execute button: an adaptiveCard/action invoke whose response carries the next card.</summary>
    public async Task<JObject> ClickAsync(TeamsUser user, string verb, JObject data, string locale = "en-US", TeamsPlace? place = null)
    {
        var response = await PostAsync(TeamsActivities.Invoke(Connector.ServiceUrl, user, place ?? TeamsPlace.Personal(user), verb, data, locale).ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JObject.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Clicks a button and expects a card back.</summary>
    public async Task<JObject> ClickForCardAsync(TeamsUser user, string verb, JObject data, string locale = "en-US", TeamsPlace? place = null)
    {
        var body = await ClickAsync(user, verb, data, locale, place);
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        return (JObject)body["value"]!;
    }
}
