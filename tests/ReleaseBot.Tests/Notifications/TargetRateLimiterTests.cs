using ReleaseBot.Notifications;
using ReleaseBot.Tests.Persistence;

namespace ReleaseBot.Tests.Notifications;

/// <summary>The send windows per target, kept in the database of the provider under test.</summary>
public sealed class TargetRateLimiterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly SendLimit[] SevenPerSecond = [new(7, TimeSpan.FromSeconds(1))];
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(seed: false);
    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    [Fact]
    public async Task Messages_that_cost_two_requests_fit_three_to_a_window_of_seven()
    {
        var limiter = new TargetRateLimiter(SevenPerSecond);
        await using var db = database.NewDb();
        var sent = 0;
        while (await limiter.CanSendAsync(db, "channel:19:a", Start, 2, default))
        {
            await limiter.RecordAsync(db, "channel:19:a", Start, 2, default);
            sent++;
        }
        Assert.Equal(3, sent);
        Assert.True(await limiter.CanSendAsync(db, "channel:19:a", Start, 1, default), "one request still fits");
        Assert.False(await limiter.CanSendAsync(db, "channel:19:a", Start.AddMilliseconds(999), 2, default), "still inside the window");
        Assert.True(await limiter.CanSendAsync(db, "channel:19:a", Start.AddSeconds(1), 2, default), "the window moved on");
        Assert.True(await limiter.CanSendAsync(db, "user:other", Start, 2, default), "other targets are not held back");
    }

    [Fact]
    public async Task Room_comes_when_enough_of_the_oldest_sends_have_left_every_window()
    {
        var limiter = new TargetRateLimiter([new(7, TimeSpan.FromSeconds(1)), new(8, TimeSpan.FromSeconds(2))]);
        await using var db = database.NewDb();
        foreach (var ms in new[] { 0, 500, 1000, 1500 }) await limiter.RecordAsync(db, "channel:19:a", Start.AddMilliseconds(ms), 2, default);

        // Eight requests in the last 2 s: two more fit once the send at 0 ms has left that window.
        Assert.Equal(Start.AddSeconds(2), await limiter.RoomAtAsync(db, "channel:19:a", Start.AddMilliseconds(1600), 2, default));
        // Four more need the sends at 0 and 500 ms gone from the 2 s window.
        Assert.Equal(Start.AddMilliseconds(2500), await limiter.RoomAtAsync(db, "channel:19:a", Start.AddMilliseconds(1600), 4, default));
        Assert.Equal(Start.AddMilliseconds(2100), await limiter.RoomAtAsync(db, "channel:19:a", Start.AddMilliseconds(2100), 2, default));
        Assert.Equal(Start, await limiter.RoomAtAsync(db, "user:other", Start, 2, default));
    }

    [Fact]
    public async Task The_senders_of_two_instances_count_each_others_sends()
    {
        var first = new TargetRateLimiter(SevenPerSecond);
        var second = new TargetRateLimiter(SevenPerSecond);
        await using var firstDb = database.NewDb();
        await using var secondDb = database.NewDb();

        for (var i = 0; i < 6; i++) await first.RecordAsync(firstDb, "channel:19:a", Start.AddMilliseconds(100 * i), 1, default);

        var now = Start.AddMilliseconds(700);
        Assert.True(await second.CanSendAsync(secondDb, "channel:19:a", now, 1, default));
        Assert.False(await second.CanSendAsync(secondDb, "channel:19:a", now, 2, default), "six sent by the other instance plus two is over seven");
        await second.RecordAsync(secondDb, "channel:19:a", now, 1, default);
        Assert.False(await first.CanSendAsync(firstDb, "channel:19:a", now, 1, default), "the other instance's send counts here too");
    }

    [Fact]
    public async Task Every_window_holds_not_only_the_shortest()
    {
        var limiter = new TargetRateLimiter([new SendLimit(7, TimeSpan.FromSeconds(1)), new SendLimit(8, TimeSpan.FromSeconds(2))]);
        await using var db = database.NewDb();
        for (var i = 0; i < 7; i++) await limiter.RecordAsync(db, "user:a", Start, 1, default);

        var later = Start.AddMilliseconds(1500); // the 1 s window is empty again, the 2 s window holds seven
        Assert.True(await limiter.CanSendAsync(db, "user:a", later, 1, default));
        Assert.False(await limiter.CanSendAsync(db, "user:a", later, 2, default));
    }
}
