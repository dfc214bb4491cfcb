using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ReleaseBot.Tests.Http;

/// <summary>
/// With authentication off, the bot calls only the service URLs of its allow-list (loopback by default); an unexpected
/// failure is a problem without a stack trace.
/// </summary>
public sealed class ServiceUrlTests
{
    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1:3978/")]
    public async Task A_serviceUrl_off_the_allow_list_is_refused_with_403(string serviceUrl)
    {
        await using var bot = await StartAsync();
        var activity = TeamsActivities.Message(serviceUrl, TeamsUser.Alex, TeamsPlace.Personal(TeamsUser.Alex), "help", "en-US");

        var response = await bot.PostAsync(activity.ToString());

        var problem = await MalformedActivityTests.ProblemAsync(response, HttpStatusCode.Forbidden, serviceUrl);
        Assert.Contains("Bot:TrustedServiceUrls", (string?)problem["detail"]);
    }

    [Fact]
    public async Task The_allow_list_is_configured_and_nothing_is_sent_to_a_host_off_it()
    {
        await using var bot = await StartAsync(settings: new Dictionary<string, string?> { ["Bot:TrustedServiceUrls:0"] = "localhost" });
        var activity = TeamsActivities.Message(bot.Connector.ServiceUrl, TeamsUser.Alex, TeamsPlace.Personal(TeamsUser.Alex), "help", "en-US");

        var response = await bot.PostAsync(activity.ToString());

        await MalformedActivityTests.ProblemAsync(response, HttpStatusCode.Forbidden, bot.Connector.ServiceUrl);
        await Task.Delay(100);
        Assert.Empty(bot.Connector.Calls);
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_500_problem_without_a_stack_trace_even_in_Development()
    {
        await using var bot = await StartAsync(
            services => services.AddTransient<IBot>(_ => throw new InvalidOperationException("a secret detail of the failure")),
            new Dictionary<string, string?> { ["environment"] = "Development" });
        var activity = TeamsActivities.Message(bot.Connector.ServiceUrl, TeamsUser.Alex, TeamsPlace.Personal(TeamsUser.Alex), "help", "en-US");

        var response = await bot.PostAsync(activity.ToString());

        await MalformedActivityTests.ProblemAsync(response, HttpStatusCode.InternalServerError, "failure");
        Assert.DoesNotContain("secret detail", await response.Content.ReadAsStringAsync());
    }

    private static async Task<DisposableBot> StartAsync(Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var bot = new DisposableBot(services, settings);
        await bot.InitializeAsync();
        return bot;
    }

    private sealed class DisposableBot(Action<IServiceCollection>? services, IReadOnlyDictionary<string, string?>? settings) : BotClient, IAsyncDisposable
    {
        private readonly BotApp app = new(services, settings);
        public override HttpClient Http => app.Http;
        public override LocalConnector Connector => app.Connector;
        public Task InitializeAsync() => app.InitializeAsync();
        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
