using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace ReleaseBot.Tests.Http;

/// <summary>The bot with authentication off, shared by tests that change nothing.</summary>
public sealed class UnauthenticatedBot : IAsyncLifetime
{
    public BotApp App { get; } = new();
    public Task InitializeAsync() => App.InitializeAsync();
    public Task DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// An activity the bot cannot answer (no valid serviceUrl, no sender, conversation, channel or recipient; not JSON) gets a
/// 400 with a problem body saying what is wrong, and a body over the size limit a 413, before any turn runs.
/// </summary>
public sealed class MalformedActivityTests(UnauthenticatedBot bot) : IClassFixture<UnauthenticatedBot>
{
    public static TheoryData<string, string> Malformations => new()
    {
        { "no serviceUrl", "serviceUrl" },
        { "serviceUrl: not a URL", "serviceUrl" },
        { "serviceUrl: relative", "serviceUrl" },
        { "serviceUrl: ftp", "serviceUrl" },
        { "serviceUrl: javascript", "serviceUrl" },
        { "serviceUrl: a number", "serviceUrl" },
        { "no from", "from" },
        { "from without id", "from" },
        { "no conversation", "conversation" },
        { "conversation without id", "conversation" },
        { "no channelId", "channelId" },
        { "no recipient", "recipient" },
    };

    private static void Break(JObject activity, string how)
    {
        switch (how)
        {
            case "no serviceUrl": activity.Remove("serviceUrl"); break;
            case "serviceUrl: not a URL": activity["serviceUrl"] = "not a url"; break;
            case "serviceUrl: relative": activity["serviceUrl"] = "/v3/conversations"; break;
            case "serviceUrl: ftp": activity["serviceUrl"] = "ftp://127.0.0.1/"; break;
            case "serviceUrl: javascript": activity["serviceUrl"] = "javascript:alert(1)"; break;
            case "serviceUrl: a number": activity["serviceUrl"] = 42; break;
            case "no from": activity.Remove("from"); break;
            case "from without id": ((JObject)activity["from"]!).Remove("id"); break;
            case "no conversation": activity.Remove("conversation"); break;
            case "conversation without id": ((JObject)activity["conversation"]!).Remove("id"); break;
            case "no channelId": activity.Remove("channelId"); break;
            case "no recipient": activity.Remove("recipient"); break;
            default: throw new ArgumentException(how);
        }
    }

    [Theory]
    [MemberData(nameof(Malformations))]
    public async Task A_message_that_cannot_be_answered_gets_a_400_problem(string how, string field)
    {
        var place = TeamsPlace.Personal(TeamsUser.Alex);
        var activity = TeamsActivities.Message(bot.App.Connector.ServiceUrl, TeamsUser.Alex, place, "help", "en-US");
        Break(activity, how);

        var response = await bot.App.PostAsync(activity.ToString());

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, how);
        Assert.Contains(field, (string?)problem["detail"]);
        Assert.DoesNotContain(bot.App.Connector.Calls, c => c.ConversationId == place.ConversationId);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[1,2,3]")]
    [InlineData("\"message\"")]
    [InlineData("{\"type\": \"message\", \"from\": [1]}")]
    public async Task A_body_that_is_no_activity_gets_a_400_problem(string body)
    {
        var response = await bot.App.Http.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        await ProblemAsync(response, HttpStatusCode.BadRequest, body);
    }

    [Fact]
    public async Task A_body_over_256_KB_gets_a_413_with_or_without_its_length()
    {
        var place = TeamsPlace.Personal(TeamsUser.Alex);
        var activity = TeamsActivities.Message(bot.App.Connector.ServiceUrl, TeamsUser.Alex, place, "open " + new string('x', 300 * 1024), "en-US");

        var withLength = await bot.App.PostAsync(activity.ToString());
        await ProblemAsync(withLength, HttpStatusCode.RequestEntityTooLarge, "with Content-Length");

        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(activity.ToString())));
        chunked.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var withoutLength = await bot.App.Http.SendAsync(request);
        await ProblemAsync(withoutLength, HttpStatusCode.RequestEntityTooLarge, "chunked");
        Assert.DoesNotContain(bot.App.Connector.Calls, c => c.ConversationId == place.ConversationId);
    }

    [Fact]
    public async Task A_body_under_the_limit_is_answered()
    {
        var activity = TeamsActivities.Message(bot.App.Connector.ServiceUrl, TeamsUser.Megan, TeamsPlace.Personal(TeamsUser.Megan), "help", "en-US");
        activity["channelData"]!["padding"] = new string('x', 200 * 1024);
        var response = await bot.App.PostAsync(activity.ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Asserts an RFC 9457 problem with this status, without a stack trace, and returns it.</summary>
    public static async Task<JObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{what}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JObject.Parse(body);
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("   at ", body);
        return problem;
    }
}
