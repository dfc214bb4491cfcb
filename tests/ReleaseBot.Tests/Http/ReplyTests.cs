using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using ReleaseBot.Teams;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Http;

/// <summary>A reply Teams throttles or fails is retried within the turn's deadline, and handed to the outbox after it: never lost.</summary>
public sealed class ReplyTests : IAsyncLifetime
{
    private readonly BotApp bot = new(services => services.Configure<ReplyOptions>(o =>
    {
        o.Deadline = TimeSpan.FromSeconds(3);
        o.FirstBackoff = TimeSpan.FromMilliseconds(100);
    }));

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task A_reply_in_a_channel_thread_answers_the_message_in_one_compact_request_from_the_bot_to_the_person()
    {
        var place = TeamsPlace.Channel();

        var reply = Assert.Single(await bot.SayAsync(TeamsUser.Megan, "ajuda", "pt-BR", place));

        var call = bot.Connector.Calls.Last(c => c.Method == "POST" && c.ConversationId == place.ConversationId);
        Assert.Equal((string?)reply["replyToId"], call.ActivityId);
        Assert.False(string.IsNullOrEmpty(call.ActivityId));
        Assert.Equal(TeamsActivities.BotId, (string?)reply.SelectToken("from.id"));
        Assert.Equal(TeamsUser.Megan.Id, (string?)reply.SelectToken("recipient.id"));
        Assert.Equal(place.ConversationId, (string?)reply.SelectToken("conversation.id"));
        Assert.Equal("pt-BR", (string?)reply["locale"]);
        Assert.Contains("o que posso fazer", Text(reply.SelectToken("attachments[0].content")!), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', call.Raw);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(call.Raw), call.DeclaredLength);
    }

    [Fact]
    public async Task A_reply_throttled_once_reaches_the_person_after_Retry_After()
    {
        bot.Connector.FailNext(429, retryAfter: "1", method: "POST");

        var reply = Assert.Single(await bot.SayAsync(TeamsUser.Alex, "help"));

        Assert.Contains("what I can do", Text(reply.SelectToken("attachments[0].content")!));
    }

    [Fact]
    public async Task A_reply_that_meets_two_server_errors_reaches_the_person_and_no_apology_is_sent()
    {
        bot.Connector.FailNext(500, times: 2, method: "POST");

        var replies = await bot.SayAsync(TeamsUser.Alex, "open REL-1001");

        var reply = Assert.Single(replies);
        Assert.Contains("Assign task Execution of REL-1001 to you?", Text(reply.SelectToken("attachments[0].content")!));
        Assert.DoesNotContain(replies, r => ((string?)r["text"] ?? "").Contains("went wrong", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replies_the_connector_cannot_take_before_the_deadline_are_delivered_later_in_order()
    {
        bot.Connector.FailNext(503, times: 1000, method: "POST");

        var started = DateTimeOffset.UtcNow;
        Assert.Empty(await SentDuringTurnAsync(TeamsUser.Alex, "help"));        // answered 200 in time, the reply kept
        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Empty(await SentDuringTurnAsync(TeamsUser.Alex, "find payments")); // queued behind the first, not sent ahead of it

        bot.Connector.Recover();
        var calls = await bot.Connector.WaitForAsync(c => c.Count(x => x.Method == "POST" && x.ConversationId == TeamsPlace.Personal(TeamsUser.Alex).ConversationId) >= 2,
            TimeSpan.FromSeconds(30));
        var delivered = calls.Where(x => x.Method == "POST" && x.ConversationId == TeamsPlace.Personal(TeamsUser.Alex).ConversationId).ToList();
        Assert.Equal(2, delivered.Count);
        Assert.Contains("what I can do", Text(delivered[0].Body.SelectToken("attachments[0].content")!));
        Assert.Contains("Releases matching \"payments\"", Text(delivered[1].Body.SelectToken("attachments[0].content")!));

        var health = JObject.Parse(await bot.Http.GetStringAsync("/health"));
        Assert.Equal("ok", (string?)health["status"]);
    }

    /// <summary>What reached the connector while the message was answered (SayAsync also waits for replies left in the outbox).</summary>
    private async Task<IReadOnlyList<JObject>> SentDuringTurnAsync(TeamsUser user, string text)
    {
        bot.Connector.Drain();
        var response = await bot.PostAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, user, TeamsPlace.Personal(user), text, "en-US").ToString());
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return bot.Connector.Drain().Select(s => s.Activity).ToList();
    }
}
