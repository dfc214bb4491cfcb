using Microsoft.AspNetCore.DataProtection;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;
using ReleaseBot.Api;
using ReleaseBot.Cards;
using ReleaseBot.Features;
using ReleaseBot.Notifications;
using ReleaseBot.Persistence;
using ReleaseBot.Teams;
using ReleaseBot.Web;

namespace ReleaseBot.Hosting;

/// <summary>The composition of the app: every module registered, the endpoints mapped, the database prepared.</summary>
public static class ReleaseBotSetup
{
    public static IServiceCollection AddReleaseBot(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddHttpClient();
        services.AddReleaseBotTelemetry(configuration);
        services.AddSingleton(TimeProvider.System);
        DatabaseSettings.From(configuration, environment.ContentRootPath).AddTo(services);
        services.AddScoped<ReleaseDesk>();
        services.AddSingleton<DeskSetupCache>();
        services.AddScoped<DeskEditor>();
        services.AddScoped<DeskImport>();
        services.AddScoped<ReleaseInHandMemory>();
        services.AddScoped<ReplySender>();
        services.Configure<ReplyOptions>(configuration.GetSection("Bot:Replies"));

        services.AddSingleton<IReleaseEventHandler, NotificationPlanner>();
        services.AddScoped<NotificationChoices>();
        services.AddScoped<ConversationDirectory>();
        services.AddSingleton<RecentlyRemembered>();
        services.AddSingleton<IReleaseEventHandler, WebhookPlanner>();
        services.AddScoped<BotDelivery>();
        services.AddScoped<CardReaders>();
        services.AddScoped<WebhookDelivery>();
        services.AddScoped<INotificationDelivery, RoutedDelivery>();
        // A webhook answers where it was registered: a redirect is not followed (it could point anywhere), it parks the delivery.
        services.AddHttpClient(WebhookDelivery.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.Configure<OutboxSenderOptions>(configuration.GetSection("Notifications:Sender"));
        services.AddSingleton<OutboxBell>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, OutboxWrites>();
        services.AddHostedService<OutboxSender>();
        services.Configure<ReminderOptions>(configuration.GetSection("Notifications:Reminders"));
        services.AddSingleton<ReminderScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<ReminderScheduler>());

        services.AddSingleton(CardLibrary.FromAppFolder());
        services.Configure<ReleaseLinkOptions>(configuration.GetSection(BotEndpointSettings.Section));
        services.AddSingleton<ReleaseLinks>();
        services.AddSingleton(Routes.OfAllFeatures());

        // Authentication is on when MicrosoftAppId (with its password and tenant) is set, off when it is empty.
        // Every connector call the SDK makes goes through the named client that carries the connector timeout.
        services.Configure<BotEndpointSettings>(configuration.GetSection(BotEndpointSettings.Section));
        services.AddHttpClient(ConnectorHttpClients.Name).ConfigureHttpClient((sp, client) =>
            client.Timeout = sp.GetRequiredService<IOptions<BotEndpointSettings>>().Value.ConnectorTimeout);
        // One connector client per service URL for the life of the app (see ReusedConnectorClients).
        services.AddSingleton<BotFrameworkAuthentication>(sp => new ReusedConnectorClients(new ConfigurationBotFrameworkAuthentication(
            configuration, httpClientFactory: new ConnectorHttpClients(sp.GetRequiredService<IHttpClientFactory>()),
            logger: sp.GetRequiredService<ILogger<BotFrameworkAuthentication>>())));
        services.AddSingleton(ConnectorPoster.Memory());
        services.AddSingleton<ConnectorPoster>();
        services.AddSingleton(sp => new ReleaseBotAdapter(sp.GetRequiredService<BotFrameworkAuthentication>(),
            sp.GetRequiredService<IOptions<BotEndpointSettings>>(), sp.GetRequiredService<ConnectorPoster>(), sp.GetRequiredService<ILogger<ReleaseBotAdapter>>()));
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<ReleaseBotAdapter>());
        // Errors are answered as RFC 9457 problems, without exception details, in every environment.
        services.AddProblemDetails();
        services.AddTransient<IBot, TeamsBot>();
        services.AddReleaseBotApi(configuration);
        services.AddReleasePages(configuration);
        // A sign-in cookie made by one instance is read by every other one, also after a restart.
        services.AddDataProtection().SetApplicationName("ReleaseBot").PersistKeysToDbContext<ReleaseBotDb>();
        return services;
    }

    public static void MapReleaseBot(this WebApplication app)
    {
        // Outermost after the developer exception page, so that even in Development no response shows a stack trace.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.MapReleaseBotApi();
        app.MapReleasePages();
        app.MapPost("/api/messages", (HttpContext http, ReleaseBotAdapter adapter, IBot bot) => adapter.ProcessAsync(http, bot));
        // Parked notifications make the bot "degraded": they need a person's look, never silence.
        app.MapGet("/health", async (ReleaseBotDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var outbox = await OutboxSender.HealthAsync(db, clock, ct);
            return Results.Ok(new { status = outbox.Failed > 0 ? "degraded" : "ok", outbox });
        });
    }

    /// <summary>
    /// Creates and migrates the database at start-up; then imports the desk file <c>Desk:ImportFile</c> when one is set
    /// (the bot does not start with a file that is not valid), else seeds the demo desk and releases into an empty database.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();
        await db.ApplyMigrationsAsync(CancellationToken.None);
        var links = scope.ServiceProvider.GetRequiredService<ReleaseLinks>();
        if (!links.HasConfiguredKey) links.UseSharedKey(await SharedSecret.GetOrCreateAsync(db, SharedSecret.LinkSigning, CancellationToken.None));
        if (scope.ServiceProvider.GetRequiredService<IConfiguration>()["Desk:ImportFile"] is { Length: > 0 } deskFile)
        {
            var problems = await scope.ServiceProvider.GetRequiredService<DeskImport>().ImportAsync(await File.ReadAllTextAsync(deskFile));
            if (problems.Count > 0) throw new InvalidOperationException($"Desk:ImportFile {deskFile} is not valid, nothing was imported: {string.Join("; ", problems)}");
            return;
        }
        await DemoData.SeedIfEmptyAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>());
    }
}
