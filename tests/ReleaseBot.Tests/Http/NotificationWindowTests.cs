using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json.Linq;
using ReleaseBot.Notifications;
using ReleaseBot.Persistence;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Http;

/// <summary>A channel's window with room for one more request: the next notification's card takes it, its reply waits.</summary>
public sealed class NotificationWindowTests : IAsyncLifetime
{
    private const string General = "19:general@thread.tacv2";

    // Only the 30-second window, at three requests: the thread's first notification takes two, the next one's card the third.
    private readonly BotApp bot = new(settings: new Dictionary<string, string?>
    {
        ["Notifications:Sender:SendsPerSecondPerTarget"] = "0",
        ["Notifications:Sender:SendsPerTwoSecondsPerTarget"] = "0",
        ["Notifications:Sender:SendsPerThirtySecondsPerTarget"] = "3",
        ["Notifications:Sender:SendsPerHourPerTarget"] = "0",
    });

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task The_card_goes_with_the_last_request_the_window_allows_and_the_reply_waits_for_the_next()
    {
        await bot.SayForCardAsync(TeamsUser.Megan, "subscribe", "en-US", TeamsPlace.Channel(General));
        var confirm = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        var form = await bot.ClickForCardAsync(TeamsUser.Alex, "claim", ActionData(confirm, "claim"));
        var calls = await bot.Connector.WaitForAsync(c => c.Any(x => x.Method == "CREATE")
            && c.Any(x => x.Method == "POST" && x.ConversationId == c.First(y => y.Method == "CREATE").ConversationId));
        var thread = Assert.Single(calls, c => c.Method == "CREATE").ConversationId;

        var keep = (JObject)ActionData(form, "save").DeepClone();
        keep["situation"] = "EmExecucao";
        keep["information"] = "Started.";
        await bot.ClickForCardAsync(TeamsUser.Alex, "save", keep);

        calls = await bot.Connector.WaitForAsync(c => c.Any(x => x.Method == "PUT" && x.ConversationId == thread));
        Assert.Contains("Started.", Text(Assert.Single(calls, c => c.Method == "PUT").Body.SelectToken("attachments[0].content")!));
        await Task.Delay(1000); // time for a reply that should not come
        Assert.Single(bot.Connector.Calls, c => c.Method == "POST" && c.ConversationId == thread);

        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();
        var waiting = await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Target == NotificationTarget.Channel(General) && m.Status == OutboxStatus.Pending);
        Assert.True(waiting.CardPosted, "its card went; its reply goes when the window has room");
    }
}
