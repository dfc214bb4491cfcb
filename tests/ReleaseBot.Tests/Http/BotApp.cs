using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using ReleaseBot.Notifications;
using ReleaseBot.Persistence;

namespace ReleaseBot.Tests.Http;

/// <summary>
/// The bot app as Teams reaches it: activities POSTed to /api/messages of the real app (authentication off,
/// an empty database of the provider under test, which the app migrates and seeds), replies read from a <see cref="LocalConnector"/>.
/// <paramref name="settings"/> are applied last (e.g. to turn authentication on). With <paramref name="kestrel"/>, the app
/// listens on a loopback port (<see cref="BaseAddress"/>) that a browser can open.
/// </summary>
public sealed class BotApp(Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null, bool kestrel = false)
    : BotClient, IAsyncLifetime
{
    private readonly TestDatabaseServer.Database database = TestDatabaseServer.NewDatabase();
    private WebApplicationFactory<Program> factory = null!;

    public override LocalConnector Connector => connector;
    public DatabaseSettings Database => database.Settings;
    /// <summary>The app's services, e.g. to create an API key as <c>apikey create</c> would.</summary>
    public IServiceProvider Services => factory.Services;
    public override HttpClient Http => http;
    private LocalConnector connector = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        connector = await LocalConnector.StartAsync();
        await database.CreateEmptyAsync();
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Database:Provider", Database.Provider.ToString());
            web.UseSetting("ConnectionStrings:ReleaseBot", Database.ConnectionString);
            web.UseSetting("MicrosoftAppId", "");
            web.UseSetting("Notifications:Sender:PollInterval", "00:00:00.050");
            web.UseSetting("Notifications:Sender:BaseBackoff", "00:00:00.200");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) web.UseSetting(key, value);
            if (services is not null) web.ConfigureTestServices(services);
        });
        if (kestrel)
        {
            factory.UseKestrel(0);
            factory.StartServer();
        }
        http = factory.CreateClient();
        if (kestrel)
            http.BaseAddress = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    protected override async Task RepliesDeliveredAsync(string conversationId)
    {
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();
            var waiting = await db.Set<OutboxMessage>().CountAsync(m => m.ConversationId == conversationId && m.Payload != null && m.Status == OutboxStatus.Pending);
            if (waiting == 0) return;
            if (DateTimeOffset.UtcNow > until) throw new Xunit.Sdk.XunitException($"{waiting} replies in {conversationId} still wait in the outbox");
            await Task.Delay(50);
        }
    }

    /// <summary>A client of the app that shows redirects instead of following them.</summary>
    public HttpClient ClientWithoutRedirects() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Where the app is reached: a loopback URL with <c>kestrel</c>, else the in-memory test server's.</summary>
    public Uri BaseAddress => http.BaseAddress!;

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await Connector.DisposeAsync();
        await database.DropAsync();
    }
}
