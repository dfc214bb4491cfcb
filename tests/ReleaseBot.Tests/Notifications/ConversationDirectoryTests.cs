using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json.Linq;
using ReleaseBot.Notifications;
using ReleaseBot.Tests.Persistence;

namespace ReleaseBot.Tests.Notifications;

/// <summary>
/// Where the bot can write later and whom it met, on the provider under test: turns that meet the same
/// conversation first at once (on two instances) store it once and none of them fails.
/// </summary>
public sealed class ConversationDirectoryTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(seed: false);
    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    private static Activity InChannel(string channelId, string userId, string aadObjectId) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ServiceUrl = "https://smba.example.test/teams/",
        ChannelId = "msteams",
        Locale = "pt-BR",
        From = new ChannelAccount(userId, "Megan Bowen", aadObjectId: aadObjectId),
        Recipient = new ChannelAccount("28:releasebot", "ReleaseBot"),
        Conversation = new ConversationAccount(id: channelId + ";messageid=1", conversationType: "channel", tenantId: "tenant"),
        ChannelData = JObject.FromObject(new { channel = new { id = channelId }, team = new { id = "19:team@thread.tacv2" } }),
    };

    private async Task<T> OnItsOwnAsync<T>(Func<ConversationDirectory, Task<T>> work)
    {
        await using var db = database.NewDb();
        return await work(new ConversationDirectory(db, database.Clock));
    }

    [Fact]
    public async Task Turns_meeting_a_channel_and_a_person_first_at_once_store_each_once()
    {
        for (var round = 0; round < 10; round++)
        {
            var channel = $"19:channel-{round}@thread.tacv2";
            var aad = $"00000000-0000-0000-0000-{round:000000000000}";
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
                OnItsOwnAsync(async directory => { await directory.RememberAsync(InChannel(channel, $"29:megan-{round}", aad), default); return 0; }))));

            await using var db = database.NewDb();
            var address = await db.Addresses.AsNoTracking().SingleAsync(a => a.Target == "channel:" + channel);
            Assert.Equal((ConversationKind.Channel, channel, "pt-BR", TestDatabase.Start), (address.Kind, address.ConversationId, address.Language, address.UpdatedAt));
            var person = await db.KnownUsers.AsNoTracking().SingleAsync(u => u.AadObjectId == aad);
            Assert.Equal(($"29:megan-{round}", "Megan Bowen", TestDatabase.Start), (person.TeamsUserId, person.Name, person.UpdatedAt));
        }
    }

    [Fact]
    public async Task A_later_turn_updates_what_changed()
    {
        var channel = "19:general@thread.tacv2";
        await OnItsOwnAsync(async d => { await d.RememberAsync(InChannel(channel, "29:megan", "aad-megan"), default); return 0; });
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        var english = InChannel(channel, "29:megan-new", "aad-megan");
        english.Locale = "en-US";
        await OnItsOwnAsync(async d => { await d.RememberAsync(english, default); return 0; });

        await using var db = database.NewDb();
        var address = await db.Addresses.AsNoTracking().SingleAsync();
        Assert.Equal(("en", TestDatabase.Start.AddMinutes(5)), (address.Language, address.UpdatedAt));
        Assert.Equal("29:megan-new", (await db.KnownUsers.AsNoTracking().SingleAsync()).TeamsUserId);
    }

    [Fact]
    public async Task An_activity_delivered_twice_at_once_is_first_only_once_and_can_be_found_by_its_time()
    {
        for (var round = 0; round < 10; round++)
        {
            var firsts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
                OnItsOwnAsync(d => d.FirstDeliveryAsync("a:personal", $"activity-{round}", default)))));
            Assert.Single(firsts, first => first);
        }

        await using var db = database.NewDb();
        var start = TestDatabase.Start.UtcDateTime;
        Assert.Equal(10, await db.ProcessedActivities.CountAsync(a => a.At >= start && a.At < start.AddSeconds(1)));
        Assert.All(await db.ProcessedActivities.AsNoTracking().ToListAsync(), a => Assert.Equal(start, a.At));
    }
}
