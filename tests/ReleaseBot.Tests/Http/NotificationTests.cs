using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using ReleaseBot.Notifications;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Http;

/// <summary>Release news in channels (one thread per release, its card kept current) and personal messages, through a local connector.</summary>
public sealed class NotificationTests : IAsyncLifetime
{
    private const string General = "19:general@thread.tacv2";
    private readonly BotApp bot = new();

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    private async Task<JObject> ExecuteRel1001Async(string advanceAs = "Resolvida")
    {
        var confirm = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        var form = await bot.ClickForCardAsync(TeamsUser.Alex, "claim", ActionData(confirm, "claim"));
        var keep = (JObject)ActionData(form, "save").DeepClone();
        keep["situation"] = "EmExecucao";
        keep["information"] = "Started.";
        form = await bot.ClickForCardAsync(TeamsUser.Alex, "save", keep);
        var advance = (JObject)ActionData(form, "advance").DeepClone();
        advance["situation"] = advanceAs;
        advance["category"] = Choices(form, "category").First().Value;
        advance["information"] = "Deployed.";
        advance["releaseDate"] = "2026-11-25";
        return await bot.ClickForCardAsync(TeamsUser.Alex, "advance", advance);
    }

    [Fact]
    public async Task A_subscribed_channel_gets_one_thread_per_release_with_its_card_kept_current()
    {
        var subscribed = await bot.SayForCardAsync(TeamsUser.Megan, "subscribe", "en-US", TeamsPlace.Channel(General));
        Assert.Contains("Subscribed. This channel will receive: any group · any type · task assigned, execution saved, flow advanced, resolved, not resolved, registered, suspended, resumed, cancelled, reopened, task handed over, approved, rejected, reminder, overdue.", Text(subscribed));

        await ExecuteRel1001Async();

        // Claim, save and advance: a new thread, then two replies, each with the root card edited first.
        var calls = await bot.Connector.WaitForAsync(c => c.Any(x => x.Method == "CREATE")
            && c.Count(x => x.Method == "POST" && x.ConversationId == c.First(y => y.Method == "CREATE").ConversationId) >= 3);
        var create = Assert.Single(calls, c => c.Method == "CREATE");
        var thread = calls.Where(c => c.ConversationId == create.ConversationId).ToList();
        Assert.Equal(General, (string?)create.Body.SelectToken("channelData.channel.id"));
        var rootCard = create.Body.SelectToken("activity.attachments[0].content")!;
        Assert.Contains("REL-1001 · Payments API 2.4.0", Text(rootCard));
        Assert.Equal("refresh", (string?)rootCard.SelectToken("refresh.action.verb"));
        Assert.Contains(TeamsUser.Alex.Id, rootCard.SelectToken("refresh.userIds")!.Values<string>());

        var replies = thread.Where(c => c.Method == "POST").Select(c => (string)c.Body["text"]!).ToList();
        Assert.Equal(3, replies.Count);
        Assert.All(thread.Where(c => c.Method == "POST"), c => Assert.Equal(create.ConversationId, c.ConversationId));
        Assert.Contains("Alex Wilber: Took the task Execution", replies[0]);
        Assert.Contains("Alex Wilber: Saved the execution of Execution: In execution", replies[1]);
        Assert.Contains("Alex Wilber: Advanced the flow from Execution to Test (Resolved)", replies[2]);

        var edits = thread.Where(c => c.Method == "PUT").ToList();
        Assert.Equal(2, edits.Count);
        Assert.All(edits, e => Assert.Equal(create.ActivityId, e.ActivityId));
        Assert.Contains("Test", Text(edits[^1].Body.SelectToken("attachments[0].content")!));
    }

    [Fact]
    public async Task Filters_decide_what_a_channel_hears_and_the_requester_hears_of_the_resolution_personally()
    {
        await bot.SayAsync(TeamsUser.Adele, "help"); // Adele has a personal chat with the bot
        var subscribed = await bot.SayForCardAsync(TeamsUser.Megan, "assinar grupo release engineers eventos resolvida", "pt-BR", TeamsPlace.Channel(General));
        Assert.Contains("Assinado. Este canal receberá: Release Engineers · qualquer tipo · resolvida.", Text(subscribed));
        var other = await bot.SayForCardAsync(TeamsUser.Megan, "subscribe group Database Engineers", "en-US", TeamsPlace.Channel("19:dba@thread.tacv2"));
        Assert.Contains("Database Engineers", Text(other));

        var before = bot.Connector.Calls.Count;
        await ExecuteRel1001Async();

        await bot.Connector.WaitForAsync(c => c.Skip(before).Any(x => x.ConversationId == $"a:personal-{TeamsUser.Adele.Id}"));
        await Task.Delay(500); // time for anything that should not come
        var calls = bot.Connector.Calls.Skip(before).ToList();
        var create = Assert.Single(calls, c => c.Method == "CREATE" && c.ConversationId.StartsWith(General));
        var reply = Assert.Single(calls, c => c.Method == "POST" && c.ConversationId == create.ConversationId);
        Assert.Contains("Avançou o fluxo de Execução para Teste (Resolvida)", (string?)reply.Body["text"]);
        Assert.DoesNotContain(calls, c => c.ConversationId.StartsWith("19:dba"));

        var personal = Assert.Single(calls, c => c.ConversationId == $"a:personal-{TeamsUser.Adele.Id}");
        Assert.Contains("Alex Wilber: Advanced the flow from Execution to Test (Resolved)", Text(personal.Body.SelectToken("attachments[0].content")!));
    }

    [Fact]
    public async Task Throttled_posts_are_retried_after_Retry_After_and_a_channel_that_removed_the_bot_loses_its_subscription()
    {
        await bot.SayForCardAsync(TeamsUser.Megan, "subscribe events assigned", "en-US", TeamsPlace.Channel(General));
        var confirm = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        bot.Connector.FailNext(429, times: 1, retryAfter: "1", method: "CREATE");
        var failedAt = DateTimeOffset.UtcNow;
        await bot.ClickForCardAsync(TeamsUser.Alex, "claim", ActionData(confirm, "claim"));
        var calls = await bot.Connector.WaitForAsync(c => c.Any(x => x.Method == "CREATE"));
        Assert.True(calls.Single(c => c.Method == "CREATE").At - failedAt >= TimeSpan.FromSeconds(1), "the retry honoured Retry-After");

        // The team removes the bot: Teams answers 403, and the channel's subscription ends.
        var megan = await bot.SayForCardAsync(TeamsUser.Megan, "open REL-1011");
        bot.Connector.FailNext(403, method: "CREATE");
        await bot.ClickForCardAsync(TeamsUser.Megan, "claim", ActionData(megan, "claim"));
        var list = await WaitForSubscriptionsAsync(General, expected: 0);
        Assert.Contains("This channel has no subscription", Text(list));
        var health = JObject.Parse(await bot.Http.GetStringAsync("/health"));
        Assert.True((int)health["outbox"]!["failed"]! >= 1);
        Assert.Equal("degraded", (string?)health["status"]);
    }

    [Fact]
    public async Task A_reply_throttled_after_the_card_was_posted_is_retried_alone()
    {
        await bot.SayForCardAsync(TeamsUser.Megan, "subscribe events assigned", "en-US", TeamsPlace.Channel(General));
        var confirm = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        var before = bot.Connector.Calls.Count;
        bot.Connector.FailNext(429, times: 1, retryAfter: "1", method: "POST");

        await bot.ClickForCardAsync(TeamsUser.Alex, "claim", ActionData(confirm, "claim"));

        var calls = await bot.Connector.WaitForAsync(c => c.Skip(before).Any(x => x.Method == "POST" && x.ConversationId.StartsWith(General)));
        await Task.Delay(500); // time for anything that should not come
        var create = Assert.Single(bot.Connector.Calls.Skip(before), c => c.Method == "CREATE" && c.ConversationId.StartsWith(General));
        Assert.DoesNotContain(bot.Connector.Calls.Skip(before), c => c.Method == "PUT");
        var reply = Assert.Single(bot.Connector.Calls.Skip(before), c => c.Method == "POST" && c.ConversationId == create.ConversationId);
        Assert.True(reply.At - create.At >= TimeSpan.FromSeconds(1), "the reply waited for Retry-After");
        Assert.Contains("Took the task Execution", (string?)reply.Body["text"]);
    }

    [Fact]
    public async Task Notify_me_brings_a_personal_message_when_a_task_waits_for_my_group_and_again_turns_it_off()
    {
        var on = Assert.Single(await bot.SayAsync(TeamsUser.Megan, "notifique-me", "pt-BR"));
        Assert.StartsWith("Pronto: avisarei você no nosso chat pessoal quando uma tarefa aguardar um dos seus grupos", (string?)on["text"]);
        var before = bot.Connector.Calls.Count;

        await ExecuteRel1001Async(); // REL-1001 moves on to Test, which waits for Quality Assurance: Megan is in it

        var calls = await bot.Connector.WaitForAsync(c => c.Skip(before).Any(x => x.ConversationId == $"a:personal-{TeamsUser.Megan.Id}"));
        var card = calls.Skip(before).Single(x => x.ConversationId == $"a:personal-{TeamsUser.Megan.Id}").Body.SelectToken("attachments[0].content")!;
        Assert.Contains("Alex Wilber: Avançou o fluxo de Execução para Teste (Resolvida)", Text(card));
        Assert.True(HasAction(card, "open"), "Megan may claim the Test task from the message");

        var off = Assert.Single(await bot.SayAsync(TeamsUser.Megan, "notify me"));
        Assert.Equal("Done: no more personal messages about tasks waiting for your groups.", (string?)off["text"]);
        // Adele's first message also brings her the resolution of REL-1001 that waited for her: read the answer.
        var noGroups = Assert.Single(await bot.SayAsync(TeamsUser.Adele, "notify me"), r => r["text"] is not null);
        Assert.Contains("You are in no executor group", (string?)noGroups["text"]);
    }

    [Fact]
    public async Task A_message_Teams_delivers_twice_is_answered_once()
    {
        var activity = TeamsActivities.Message(bot.Connector.ServiceUrl, TeamsUser.Megan, TeamsPlace.Channel(General), "subscribe", "en-US").ToString();
        bot.Connector.Drain();
        await bot.PostAsync(activity);
        await bot.PostAsync(activity);
        Assert.Single(bot.Connector.Drain());
        var list = await bot.SayForCardAsync(TeamsUser.Megan, "subscriptions", "en-US", TeamsPlace.Channel(General));
        Assert.Single(list.SelectTokens("$..text"), t => ((string?)t)?.StartsWith("1. ") == true);
        Assert.DoesNotContain(list.SelectTokens("$..text"), t => ((string?)t)?.StartsWith("2. ") == true);
    }

    [Fact]
    public async Task Subscriptions_belong_to_channels_and_bad_filters_change_nothing()
    {
        var personal = Assert.Single(await bot.SayAsync(TeamsUser.Alex, "subscribe"));
        Assert.Contains("Subscriptions belong to channels", (string?)personal["text"]);
        var channel = TeamsPlace.Channel(General);
        Assert.Contains("There is no group \"Nobody\"", (string?)Assert.Single(await bot.SayAsync(TeamsUser.Alex, "subscribe group Nobody", "en-US", channel))["text"]);
        Assert.Contains("Não existe o evento \"launched\"", (string?)Assert.Single(await bot.SayAsync(TeamsUser.Alex, "assinar eventos launched", "pt-BR", channel))["text"]);
        Assert.Contains("There is no release type \"Huge\"", (string?)Assert.Single(await bot.SayAsync(TeamsUser.Alex, "subscribe type Huge", "en-US", channel))["text"]);
        Assert.Contains("I did not understand \"now please\"", (string?)Assert.Single(await bot.SayAsync(TeamsUser.Alex, "subscribe now please", "en-US", channel))["text"]);
        var list = await bot.SayForCardAsync(TeamsUser.Alex, "subscriptions", "en-US", channel);
        Assert.Contains("This channel has no subscription", Text(list));
    }

    [Fact]
    public async Task A_requester_never_met_in_a_personal_chat_gets_one_opened_for_the_resolution()
    {
        await bot.SayAsync(TeamsUser.Adele, "help", "en-US", TeamsPlace.Channel(General)); // met in a channel only
        var before = bot.Connector.Calls.Count;
        await ExecuteRel1001Async();
        var calls = await bot.Connector.WaitForAsync(c => c.Skip(before).Any(x => x.Method == "CREATE"));
        var created = calls.Skip(before).Single(x => x.Method == "CREATE");
        Assert.Equal(TeamsUser.Adele.Id, (string?)created.Body.SelectToken("members[0].id"));
        Assert.Contains("Advanced the flow from Execution to Test (Resolved)", Text(created.Body.SelectToken("activity.attachments[0].content")!));
    }

    [Fact]
    public async Task A_requester_the_bot_has_never_met_gets_the_resolution_once_she_first_talks_to_the_bot()
    {
        await ExecuteRel1001Async();

        // Adele never talked to the bot and the app is not installed for her: her message waits, and that is no fault.
        var health = await WaitForHealthAsync(h => (int?)h.SelectToken("outbox.waitingForPeople") == 1);
        Assert.Equal("ok", (string?)health["status"]);
        Assert.Equal(0, (int?)health.SelectToken("outbox.failed"));
        Assert.DoesNotContain(bot.Connector.Calls, c => c.ConversationId == TeamsPlace.Personal(TeamsUser.Adele).ConversationId);

        await bot.SayAsync(TeamsUser.Adele, "help");

        var personal = TeamsPlace.Personal(TeamsUser.Adele).ConversationId;
        var calls = await bot.Connector.WaitForAsync(c => c.Any(x => x.ConversationId == personal
            && x.Body.SelectToken("attachments[0].content") is { } card && Text(card).Contains("Payments API 2.4.0")));
        var card = calls.Last(x => x.ConversationId == personal && Text(x.Body.SelectToken("attachments[0].content")!).Contains("Payments API 2.4.0"));
        Assert.Contains("Advanced the flow from Execution to Test (Resolved)", Text(card.Body.SelectToken("attachments[0].content")!));
        health = await WaitForHealthAsync(h => (int?)h.SelectToken("outbox.waitingForPeople") == 0);
        Assert.Equal("ok", (string?)health["status"]);
    }

    [Fact]
    public async Task A_requester_for_whom_the_app_is_installed_gets_a_chat_opened_with_her_Entra_id()
    {
        bot.Connector.InstallFor(TeamsUser.Adele.AadObjectId);
        var before = bot.Connector.Calls.Count;

        await ExecuteRel1001Async();

        var calls = await bot.Connector.WaitForAsync(c => c.Skip(before).Any(x => x.Method == "CREATE"));
        Assert.Equal(TeamsUser.Adele.AadObjectId, (string?)calls.Skip(before).Single(x => x.Method == "CREATE").Body.SelectToken("members[0].id"));
    }

    private async Task<JObject> WaitForHealthAsync(Func<JObject, bool> done)
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var health = JObject.Parse(await bot.Http.GetStringAsync("/health"));
            if (done(health) || DateTimeOffset.UtcNow > until) return health;
            await Task.Delay(100);
        }
    }

    private async Task<JObject> WaitForSubscriptionsAsync(string channel, int expected)
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var card = await bot.SayForCardAsync(TeamsUser.Megan, "subscriptions", "en-US", TeamsPlace.Channel(channel));
            if (ActionsWithVerb(card, "unsubscribe").Any() == (expected > 0) || DateTimeOffset.UtcNow > until) return card;
            await Task.Delay(100);
        }
    }
}

/// <summary>A change made on this instance is sent at once: the sender does not wait for its next look at the database.</summary>
public sealed class NotificationsAtOnceTests : IAsyncLifetime
{
    private const string General = "19:general@thread.tacv2";
    private readonly BotApp bot = new(services => services.Configure<OutboxSenderOptions>(o => o.PollInterval = TimeSpan.FromHours(1)));

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task A_claim_is_told_in_the_channel_at_once_though_the_sender_polls_only_every_hour()
    {
        await bot.SayForCardAsync(TeamsUser.Megan, "subscribe", "en-US", TeamsPlace.Channel(General));
        var confirm = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        await bot.ClickForCardAsync(TeamsUser.Alex, "claim", ActionData(confirm, "claim"));

        var calls = await bot.Connector.WaitForAsync(c => c.Any(x => x.Method == "POST" && ((string?)x.Body["text"])?.Contains("Took the task Execution") == true));
        var create = Assert.Single(calls, c => c.Method == "CREATE");
        Assert.Equal(General, (string?)create.Body.SelectToken("channelData.channel.id"));
    }
}
