using System.Net;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Newtonsoft.Json.Linq;
using ReleaseBot.Cards;
using ReleaseBot.Notifications;
using ReleaseBot.Teams;

namespace ReleaseBot.Tests.Teams;

/// <summary>
/// A turn's reply leaves as the SDK's own connector client would send it (URL, token, JSON), and the connector's answers
/// mean what they mean when that client meets them.
/// </summary>
public class ConnectorPosterTests
{
    private const string ServiceUrl = "https://smba.example.test/amer/";

    /// <summary>Answers every request with one response and keeps what it was sent.</summary>
    private sealed class Connector(HttpStatusCode status, string body = "{\"id\":\"1:posted\"}", string? retryAfter = null) : HttpMessageHandler
    {
        public readonly List<(HttpMethod Method, Uri Url, string? Authorization, string? ContentType, long? Length, string Body)> Sent = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Sent.Add((request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), request.Content?.Headers.ContentType?.ToString(),
                request.Content?.Headers.ContentLength, content));
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
            if (retryAfter is not null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            return response;
        }
    }

    private sealed class Clients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private static ConnectorClient SdkClient(HttpMessageHandler handler) =>
        new(new Uri(ServiceUrl), new TokenCredentials("token-of-the-bot"), new HttpClient(handler), disposeHttpClient: true);

    /// <summary>A reply as a turn makes it: a use case's answer, addressed by the SDK from the person's activity.</summary>
    private static Activity ReplyTo(Activity incoming, IActivity reply)
    {
        var activity = (Activity)reply;
        activity.ApplyConversationReference(incoming.GetConversationReference());
        return activity;
    }

    private static Activity Incoming(bool inChannel) => new()
    {
        Type = ActivityTypes.Message,
        Id = inChannel ? "1733000000000" : "f:4c3a9e71-1",
        ChannelId = "msteams",
        ServiceUrl = ServiceUrl,
        Locale = "pt-BR",
        From = new ChannelAccount("29:1abc", "João Ninguém", aadObjectId: "00000000-0000-0000-0000-000000000021"),
        Recipient = new ChannelAccount("28:releasebot", "ReleaseBot"),
        Conversation = inChannel
            ? new ConversationAccount(isGroup: true, conversationType: "channel", id: "19:general@thread.tacv2;messageid=1733000000000", tenantId: "tenant-1")
            : new ConversationAccount(conversationType: "personal", id: "a:1personal", tenantId: "tenant-1"),
    };

    private static Card LargeCard()
    {
        // Larger than a pooled block (16 KB): the body spans blocks.
        var facts = string.Join(",", Enumerable.Range(1, 400).Select(i => $$"""{"title":"Passo {{i}}","value":"Execução — ação nº {{i}} ✓"}"""));
        return new Card($$"""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"FactSet","facts":[{{facts}}]}]}""");
    }

    public static TheoryData<string, bool> Replies => new()
    {
        { "text", false }, { "text", true }, { "card", false }, { "card", true }, { "large card", true },
    };

    private static IActivity Reply(string kind) => kind switch
    {
        "text" => MessageFactory.Text("**REL-1001** · Não há liberações atribuídas a você. 🚀 \"aspas\" <b>"),
        "card" => MessageFactory.Attachment(new Attachment { ContentType = CardLibrary.ContentType, Content = new Card("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Olá, São Paulo"}]}""").Content }),
        _ => MessageFactory.Attachment(new Attachment { ContentType = CardLibrary.ContentType, Content = LargeCard().Content }),
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public async Task A_reply_goes_to_the_url_with_the_token_and_the_json_that_the_SDK_client_sends(string kind, bool inChannel)
    {
        var sdk = new Connector(HttpStatusCode.OK);
        using (var client = SdkClient(sdk))
            await client.Conversations.ReplyToActivityAsync(ReplyTo(Incoming(inChannel), Reply(kind)));

        var ours = new Connector(HttpStatusCode.OK);
        var memory = ConnectorPoster.Memory();
        using (var client = SdkClient(new Connector(HttpStatusCode.OK)))
        {
            var posted = await new ConnectorPoster(new Clients(ours), memory).PostAsync(client, ReplyTo(Incoming(inChannel), Reply(kind)), CancellationToken.None);
            Assert.Equal("1:posted", posted.Id);
        }

        var expected = Assert.Single(sdk.Sent);
        var sent = Assert.Single(ours.Sent);
        Assert.Equal(expected.Method, sent.Method);
        Assert.Equal(expected.Url, sent.Url);
        Assert.Equal("Bearer token-of-the-bot", sent.Authorization);
        Assert.Equal(expected.ContentType, sent.ContentType);
        Assert.Equal(Encoding.UTF8.GetByteCount(sent.Body), sent.Length);
        Assert.True(JToken.DeepEquals(JToken.Parse(expected.Body), JToken.Parse(sent.Body)), $"SDK:\n{expected.Body}\nours:\n{sent.Body}");
        Assert.DoesNotContain("\n", sent.Body);
        Assert.Equal(0, memory.SmallPoolInUseSize + memory.LargePoolInUseSize);
    }

    [Fact]
    public async Task A_message_that_answers_no_activity_is_sent_to_the_conversation_as_the_SDK_client_sends_it()
    {
        var activity = ReplyTo(Incoming(inChannel: true), Reply("text"));
        activity.ReplyToId = null;
        var sdk = new Connector(HttpStatusCode.Created);
        using (var client = SdkClient(sdk))
            await client.Conversations.SendToConversationAsync(activity);
        var ours = new Connector(HttpStatusCode.Created);
        using (var client = SdkClient(ours))
            await new ConnectorPoster(new Clients(ours), ConnectorPoster.Memory()).PostAsync(client, activity, CancellationToken.None);

        Assert.Equal(Assert.Single(sdk.Sent).Url, Assert.Single(ours.Sent).Url);
        Assert.EndsWith("/v3/conversations/19%3Ageneral%40thread.tacv2%3Bmessageid%3D1733000000000/activities", ours.Sent[0].Url.AbsoluteUri);
    }

    [Theory]
    [InlineData(429, "3")]
    [InlineData(429, null)]
    [InlineData(412, null)]
    [InlineData(500, null)]
    [InlineData(503, "Wed, 02 Dec 2099 10:00:00 GMT")]
    [InlineData(403, null)]
    [InlineData(404, null)]
    [InlineData(400, null)]
    [InlineData(413, null)]
    public async Task An_error_answer_means_what_it_means_when_the_SDK_client_meets_it(int status, string? retryAfter)
    {
        const string error = """{"error":{"code":"BadArgument","message":"Activity is too large"}}""";
        Exception sdkFailure;
        using (var client = SdkClient(new Connector((HttpStatusCode)status, error, retryAfter)))
            sdkFailure = await Assert.ThrowsAnyAsync<Exception>(() => client.Conversations.ReplyToActivityAsync(ReplyTo(Incoming(false), Reply("text"))));
        var expected = Assert.IsType<DeliveryException>(BotDelivery.Classify(sdkFailure));

        var memory = ConnectorPoster.Memory();
        var connector = new Connector((HttpStatusCode)status, error, retryAfter);
        using var sdkClient = SdkClient(connector);
        var failure = await Assert.ThrowsAsync<DeliveryException>(() =>
            new ConnectorPoster(new Clients(connector), memory).PostAsync(sdkClient, ReplyTo(Incoming(false), Reply("text")), CancellationToken.None));

        Assert.Equal(expected.Kind, failure.Kind);
        Assert.Equal(status, failure.StatusCode);
        Assert.Equal(expected.StatusCode, failure.StatusCode);
        if (expected.RetryAfter is { } wait) Assert.InRange(failure.RetryAfter!.Value, wait - TimeSpan.FromSeconds(5), wait + TimeSpan.FromSeconds(5));
        else Assert.Null(failure.RetryAfter);
        if (failure.Kind == FailureKind.Permanent) Assert.Contains("Activity is too large", failure.Message);
        Assert.Equal(0, memory.SmallPoolInUseSize + memory.LargePoolInUseSize);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "")]
    [InlineData(HttpStatusCode.Accepted, "not json")]
    public async Task A_message_the_connector_took_is_sent_even_when_its_answer_names_no_id(HttpStatusCode status, string body)
    {
        var connector = new Connector(status, body);
        using var client = SdkClient(connector);

        var posted = await new ConnectorPoster(new Clients(connector), ConnectorPoster.Memory()).PostAsync(client, ReplyTo(Incoming(false), Reply("card")), CancellationToken.None);

        Assert.Equal("", posted.Id);
        Assert.Single(connector.Sent);
    }
}
