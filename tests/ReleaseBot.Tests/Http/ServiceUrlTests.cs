using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ReleaseBot.Tests.Http;

/// <summary>
/// With authentication off, the bot calls only the service URLs of its allow-list (loopback by default), and a
/// connector that never answers holds the inbound request no longer than the connector timeout.
/// </summary>
public sealed class ServiceUrlTests(ITestOutputHelper output)
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
    public async Task A_connector_that_never_answers_holds_the_request_no_longer_than_the_reply_deadline()
    {
        using var silent = SilentListener.Start();
        // Each call gives up after the connector timeout; the reply's retries stop at its deadline, and it goes to the outbox.
        await using var bot = await StartAsync(settings: new Dictionary<string, string?> { ["Bot:ConnectorTimeout"] = "00:00:01", ["Bot:Replies:Deadline"] = "00:00:02" });
        Assert.Single(await bot.SayAsync(TeamsUser.Megan, "help")); // warm: the first turn compiles a lot

        var activity = TeamsActivities.Message(silent.ServiceUrl, TeamsUser.Alex, TeamsPlace.Personal(TeamsUser.Alex), "help", "en-US");
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var clock = Stopwatch.StartNew();
        var response = await bot.Http.PostAsync("/api/messages", new StringContent(activity.ToString(), System.Text.Encoding.UTF8, "application/json"), bound.Token);
        clock.Stop();
        output.WriteLine($"Answered {(int)response.StatusCode} after {clock.Elapsed.TotalSeconds:F2} s (connector timeout 1 s, reply deadline 2 s)");

        Assert.True(silent.Accepted > 0, "the bot did not call the connector");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"held for {clock.Elapsed}");
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
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

    /// <summary>A loopback port that accepts connections and never answers.</summary>
    private sealed class SilentListener : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> clients = [];
        private int accepted;

        public string ServiceUrl => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
        public int Accepted => Volatile.Read(ref accepted);

        public static SilentListener Start()
        {
            var silent = new SilentListener();
            silent.listener.Start();
            _ = silent.AcceptAsync();
            return silent;
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await listener.AcceptTcpClientAsync();
                    lock (clients) clients.Add(client);
                    Interlocked.Increment(ref accepted);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        }

        public void Dispose()
        {
            listener.Stop();
            lock (clients) clients.ForEach(c => c.Dispose());
        }
    }
}
