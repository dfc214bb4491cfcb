using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using ReleaseBot.Cards;
using ReleaseBot.Persistence;
using ReleaseBot.Features;
using ReleaseBot.Teams;
using ReleaseBot.Tests.Persistence;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Teams;

/// <summary>The conversation through the SDK's TestAdapter: typed commands and card actions, turn by turn.</summary>
public sealed class TeamsBotTests : IAsyncLifetime
{
    private const string AlexId = "00000000-0000-0000-0000-0000000000020";
    private TestDatabase database = null!;
    private ReleaseBotDb db = null!;
    private TeamsBot bot = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        (var desk, db) = database.NewDesk();
        var services = new ServiceCollection()
            .AddSingleton(new ReleaseBot.Cards.ReleaseLinks(Microsoft.Extensions.Options.Options.Create(new ReleaseBot.Cards.ReleaseLinkOptions()), TimeProvider.System))
            .BuildServiceProvider();
        bot = new TeamsBot(desk, CardLibrary.FromAppFolder(), Routes.OfAllFeatures(), database.Clock, new ReleaseBot.Notifications.ConversationDirectory(db, database.Clock),
            new ReleaseInHandMemory(db, database.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<ReleaseInHandMemory>.Instance),
            new ReplySender(db, database.Clock, Microsoft.Extensions.Options.Options.Create(new ReplyOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<ReplySender>.Instance),
            db, services, Microsoft.Extensions.Logging.Abstractions.NullLogger<TeamsBot>.Instance);
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await database.DisposeAsync();
    }

    private static TestAdapter Adapter(string locale = "en-US", string aadObjectId = AlexId, string name = "Alex Wilber")
    {
        var adapter = new TestAdapter(new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = "https://smba.example.test/teams/",
            User = new ChannelAccount("29:" + aadObjectId, name, aadObjectId: aadObjectId),
            Bot = new ChannelAccount("28:releasebot", "ReleaseBot"),
            Conversation = new ConversationAccount(id: "a:personal-" + aadObjectId, conversationType: "personal"),
        })
        { Locale = locale };
        return adapter;
    }

    private static JObject CardOf(IActivity reply)
    {
        var message = Assert.IsType<Activity>(reply);
        var attachment = Assert.Single(message.Attachments);
        Assert.Equal(CardLibrary.ContentType, attachment.ContentType);
        return Support.CardReader.ParseContent(attachment.Content);
    }

    [Fact]
    public async Task Help_and_find_answer_with_cards_in_the_users_language()
    {
        await new TestFlow(Adapter("pt-BR"), bot)
            .Send("ajuda")
            .AssertReply(reply => Assert.Contains("ReleaseBot — o que posso fazer", Text(CardOf(reply))))
            .Send("find identity")
            .AssertReply(reply =>
            {
                var card = CardOf(reply);
                Assert.Contains("Liberações com \"identity\"", Text(card));
                Assert.Equal(["REL-1003"], Choices(card, "release").Select(c => c.Value));
            })
            .Send("what?")
            .AssertReply("Não entendi \"what?\". Digite **ajuda** para ver o que posso fazer.")
            .StartTestAsync();
    }

    [Fact]
    public async Task Open_asks_to_confirm_the_assignment_and_confirm_gives_the_closure_form()
    {
        var adapter = Adapter();
        JObject confirm = null!;
        await new TestFlow(adapter, bot)
            .Send("open rel 1001")
            .AssertReply(reply => confirm = CardOf(reply))
            .StartTestAsync();
        Assert.Contains("Assign task Execution of REL-1001 to you?", Text(confirm));

        var form = await ClickAsync(adapter, "claim", ActionData(confirm, "claim"));
        Assert.Contains("The task Execution of REL-1001 is now assigned to you.", Text(form));
        Assert.Equal(["Resolved", "Not resolved", "In execution"], Choices(form, "situation").Select(c => c.Title));
        Assert.Equal("2026-11-25", InputValue(form, "releaseDate"));

        var reopened = await ClickAsync(adapter, "open", new JObject { ["release"] = "REL-1001" });
        Assert.True(HasAction(reopened, "form"));
        Assert.Contains("Alex Wilber", Text(reopened));
    }

    [Fact]
    public async Task Log_and_flow_without_a_number_are_about_the_release_last_seen_in_the_conversation()
    {
        var adapter = Adapter();
        await new TestFlow(adapter, bot)
            .Send("log")
            .AssertReply("Tell me which release, for example: **log REL-1001**.")
            .Send("open REL-1001")
            .AssertReply(reply => Assert.Contains("REL-1001", Text(CardOf(reply))))
            .Send("log")
            .AssertReply(reply => Assert.Contains("Execution log — REL-1001", Text(CardOf(reply))))
            .StartTestAsync();

        await ClickAsync(adapter, "details", new JObject { ["release"] = "REL-1011" });
        await new TestFlow(adapter, bot)
            .Send("open REL-9999")
            .AssertReply("I found no release REL-9999. Type **find** to search.")
            .Send("flow")
            .AssertReply(reply => Assert.Contains("REL-1011", Text(CardOf(reply))))
            .StartTestAsync();

        await new TestFlow(Adapter(aadObjectId: DemoData.MeganBowen, name: "Megan Bowen"), bot)
            .Send("flow")
            .AssertReply("Tell me which release, for example: **flow REL-1001**.")
            .StartTestAsync();
    }

    [Fact]
    public async Task Back_to_the_release_shows_its_card_without_asking_for_the_assignment()
    {
        var adapter = Adapter();
        var flow = await ClickAsync(adapter, "flow", new JObject { ["release"] = "REL-1001" });
        var back = await ClickAsync(adapter, "details", ActionData(flow, "details"));
        Assert.Contains("REL-1001 · Payments API 2.4.0", Text(back));
        Assert.DoesNotContain("to you?", Text(back));
        Assert.True(HasAction(back, "open")); // "Claim task" still leads to the question
    }

    [Fact]
    public async Task Cancel_leaves_the_task_waiting()
    {
        var adapter = Adapter();
        var cancelled = await ClickAsync(adapter, "cancel", new JObject { ["release"] = "REL-1001" });
        Assert.Contains("The assignment was cancelled. Nothing was changed.", Text(cancelled));
        Assert.True(HasAction(cancelled, "open"));
        Assert.Null((await database.ReleaseAsync("REL-1001")).CurrentTask!.AssigneeAadId);
    }

    [Fact]
    public async Task The_bot_greets_with_help_when_it_is_added_to_a_conversation()
    {
        var adapter = Adapter("pt-BR");
        var update = adapter.MakeActivity();
        update.Type = ActivityTypes.ConversationUpdate;
        update.MembersAdded = [new ChannelAccount("28:releasebot", "ReleaseBot")];
        await adapter.ProcessActivityAsync(update, bot.OnTurnAsync, default);
        var card = CardOf(adapter.GetNextReply());
        Assert.Contains("buscar [texto]", Text(card));

        var someoneElse = adapter.MakeActivity();
        someoneElse.Type = ActivityTypes.ConversationUpdate;
        someoneElse.MembersAdded = [new ChannelAccount("29:newcomer", "Newcomer")];
        await adapter.ProcessActivityAsync(someoneElse, bot.OnTurnAsync, default);
        Assert.Null(adapter.GetNextReply());
    }

    /// <summary>Clicks an Action.Execute button: the invoke response carries the next card.</summary>
    private async Task<JObject> ClickAsync(TestAdapter adapter, string verb, JObject data)
    {
        var invoke = adapter.MakeActivity();
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "adaptiveCard/action";
        invoke.Value = JObject.FromObject(new { action = new { type = "Action.Execute", verb, data }, trigger = "manual" });
        await adapter.ProcessActivityAsync(invoke, bot.OnTurnAsync, default);
        var reply = (Activity)adapter.GetNextReply();
        Assert.Equal(ActivityTypesEx.InvokeResponse, reply.Type);
        var response = (InvokeResponse)reply.Value;
        Assert.Equal(200, response.Status);
        var body = Assert.IsType<AdaptiveCardInvokeResponse>(response.Body);
        Assert.Equal(CardLibrary.ContentType, body.Type);
        return Support.CardReader.ParseContent(body.Value);
    }
}
