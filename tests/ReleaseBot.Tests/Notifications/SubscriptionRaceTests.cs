using Microsoft.EntityFrameworkCore;
using ReleaseBot.Tests.Persistence;
using ReleaseBot.Notifications;

namespace ReleaseBot.Tests.Notifications;

/// <summary>The same subscribe or "notify me" reaching two instances at once, on the provider under test.</summary>
public sealed class SubscriptionRaceTests : IAsyncLifetime
{
    private const string General = "channel:19:general@thread.tacv2";
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();
    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    private static ChannelSubscription Everything() => new()
    {
        Target = General, Events = NotificationEvent.TaskAssigned | NotificationEvent.Resolved, Language = "en-US", CreatedBy = "Megan Bowen",
    };

    [Fact]
    public async Task The_same_subscription_sent_twice_at_once_is_stored_once()
    {
        for (var round = 0; round < 10; round++)
        {
            var added = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await using var db = database.NewDb();
                var choices = new NotificationChoices(db, database.Clock);
                return await choices.SubscribeAsync(Everything());
            })));

            Assert.Equal(round == 0 ? [true, false] : [false, false], added.Order().Reverse());
            await using var check = database.NewDb();
            Assert.Equal(1, await check.Subscriptions.CountAsync(s => s.Target == General));
        }
    }

    [Fact]
    public async Task Two_notify_me_at_once_both_answer_and_toggle_in_turn()
    {
        for (var round = 0; round < 10; round++)
        {
            var nowOn = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await using var db = database.NewDb();
                var choices = new NotificationChoices(db, database.Clock);
                return await choices.ToggleOptInAsync("00000000-0000-0000-0000-0000000000021");
            })));

            Assert.Equal([false, true], nowOn.Order());
            await using var check = database.NewDb();
            Assert.False(await check.OptIns.AnyAsync(), "on, then off again");
        }
    }
}
