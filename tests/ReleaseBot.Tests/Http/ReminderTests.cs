using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReleaseBot.Notifications;
using ReleaseBot.Persistence;

namespace ReleaseBot.Tests.Http;

/// <summary>Reminders, from the database: a near start with the task unassigned, and an end passed unresolved; each once.</summary>
public sealed class ReminderTests : IAsyncLifetime
{
    private const string General = "19:general@thread.tacv2";
    private const string Releases = "19:releases@thread.tacv2";

    // Every release starting within four days is "near"; the background rounds wait an hour, so the test runs them.
    private readonly BotApp bot = new(settings: new Dictionary<string, string?>
    {
        ["Notifications:Reminders:Lead"] = "4.00:00:00",
        ["Notifications:Reminders:Interval"] = "01:00:00",
    });

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task A_subscribed_channel_is_reminded_of_a_near_unassigned_start_and_of_an_overdue_release_once_each()
    {
        await bot.SayForCardAsync(TeamsUser.Megan, "subscribe events reminder,overdue", "en-US", TeamsPlace.Channel(General));
        await bot.SayForCardAsync(TeamsUser.Megan, "assinar eventos lembrete", "pt-BR", TeamsPlace.Channel(Releases));
        var scheduler = bot.Services.GetRequiredService<ReminderScheduler>();

        // Two rounds at once plan each reminder once; a later round plans nothing again.
        var first = await Task.WhenAll(scheduler.RunOnceAsync(CancellationToken.None), scheduler.RunOnceAsync(CancellationToken.None));
        Assert.True(first.Sum() >= 2, $"planned {first.Sum()}");
        Assert.Equal(0, await scheduler.RunOnceAsync(CancellationToken.None));
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();
            var keys = await db.Releases.Where(r => r.Key == "REL-1003" || r.Key == "REL-1009").ToDictionaryAsync(r => r.Key, r => r.Id);
            Assert.Equal(1, await db.Reminders.CountAsync(r => r.ReleaseId == keys["REL-1003"] && r.Kind == NotificationEvent.Reminder));
            Assert.Equal(1, await db.Reminders.CountAsync(r => r.ReleaseId == keys["REL-1009"] && r.Kind == NotificationEvent.Overdue));
        }
        var calls = await bot.Connector.WaitForAsync(c =>
            c.Any(x => ((string?)x.Body["text"])?.StartsWith("**REL-1003** · Starts at") == true)
            && c.Any(x => ((string?)x.Body["text"])?.StartsWith("**REL-1009** · Was planned to end at") == true));
        var start = calls.Single(x => ((string?)x.Body["text"])?.StartsWith("**REL-1003** · Starts at") == true);
        var inPortuguese = await bot.Connector.WaitForAsync(c => c.Any(x => ((string?)x.Body["text"])?.StartsWith("**REL-1003** · Começa em") == true));
        Assert.Contains("e a tarefa Autorização ainda não tem responsável (Change Advisory Board).",
            (string?)inPortuguese.Single(x => ((string?)x.Body["text"])?.StartsWith("**REL-1003** · Começa em") == true).Body["text"]);
        Assert.DoesNotContain(inPortuguese, x => x.ConversationId.StartsWith(Releases) && ((string?)x.Body["text"])?.Contains("REL-1009") == true); // not subscribed to overdue
        Assert.Contains("and the task Authorization is still unassigned (Change Advisory Board).", (string?)start.Body["text"]);
        await Task.Delay(500); // time for anything sent twice
        Assert.Single(bot.Connector.Calls, x => ((string?)x.Body["text"])?.StartsWith("**REL-1003** · Starts at") == true);
        Assert.DoesNotContain(bot.Connector.Calls, x => ((string?)x.Body["text"])?.StartsWith("**REL-1005**") == true); // resolved: not overdue
    }
}

/// <summary>A reminder belongs to the planned start it was planned for: when the start moves before it goes, the new one's reminder goes instead.</summary>
public sealed class ReminderWindowTests : IAsyncLifetime
{
    private readonly BotApp bot = new(
        // The test runs the rounds of both the scheduler and the sender, in its own order.
        services => services.Configure<OutboxSenderOptions>(o => o.PollInterval = TimeSpan.FromHours(1)),
        new Dictionary<string, string?> { ["Notifications:Reminders:Lead"] = "4.00:00:00", ["Notifications:Reminders:Interval"] = "01:00:00" });

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task A_reminder_of_a_start_that_moved_before_it_went_is_not_sent_and_the_new_starts_reminder_is()
    {
        await bot.SayForCardAsync(TeamsUser.Megan, "subscribe events reminder", "en-US", TeamsPlace.Channel("19:general@thread.tacv2"));
        var scheduler = bot.Services.GetRequiredService<ReminderScheduler>();
        var sender = bot.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<OutboxSender>().Single();
        await sender.StopAsync(CancellationToken.None); // no longer in the background, where it would send what is planned at once
        Assert.True(await scheduler.RunOnceAsync(CancellationToken.None) >= 1);

        var moved = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(2).AddHours(9).AddMinutes(17), TimeSpan.Zero);
        await using (var scope = bot.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReleaseBotDb>().Releases.Where(r => r.Key == "REL-1003")
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.PlannedStart, moved));
        await sender.RunOnceAsync(CancellationToken.None);
        Assert.DoesNotContain(bot.Connector.Calls, c => ((string?)c.Body["text"])?.StartsWith("**REL-1003**") == true);

        Assert.True(await scheduler.RunOnceAsync(CancellationToken.None) >= 1);
        // The channel's send windows may hold it a moment after the first round's reminders of other releases.
        for (var round = 0; round < 50 && !bot.Connector.Calls.Any(c => ((string?)c.Body["text"])?.StartsWith("**REL-1003**") == true); round++)
        {
            await sender.RunOnceAsync(CancellationToken.None);
            await Task.Delay(200);
        }
        for (var round = 0; round < 10; round++) // and time for the first one, were it sent after all
        {
            await sender.RunOnceAsync(CancellationToken.None);
            await Task.Delay(200);
        }
        var reminder = Assert.Single(bot.Connector.Calls, c => ((string?)c.Body["text"])?.StartsWith("**REL-1003**") == true);
        Assert.Contains(moved.ToString("g", System.Globalization.CultureInfo.GetCultureInfo("en-US")).Replace("\u202F", " "),
            ((string?)reminder.Body["text"])!.Replace("\u202F", " "));
    }
}
