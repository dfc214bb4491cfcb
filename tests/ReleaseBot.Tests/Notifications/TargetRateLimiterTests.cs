using ReleaseBot.Notifications;

namespace ReleaseBot.Tests.Notifications;

public class TargetRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Messages_that_cost_two_requests_fit_three_to_a_window_of_seven()
    {
        var limiter = new TargetRateLimiter([new SendLimit(7, TimeSpan.FromSeconds(1))]);
        var sent = 0;
        while (limiter.CanSend("channel:19:a", Start, requests: 2))
        {
            limiter.Record("channel:19:a", Start, requests: 2);
            sent++;
        }
        Assert.Equal(3, sent);
        Assert.True(limiter.CanSend("channel:19:a", Start, requests: 1), "one request still fits");
        Assert.True(limiter.CanSend("channel:19:a", Start.AddSeconds(1), requests: 2), "the window moved on");
        Assert.True(limiter.CanSend("user:other", Start, requests: 2), "other targets are not held back");
    }
}
