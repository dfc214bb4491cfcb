using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newtonsoft.Json.Linq;
using ReleaseBot.Notifications;
using ReleaseBot.Persistence;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Http;

/// <summary>
/// What one click costs the database: the desk's setup (flows, groups, categories) is read at most once per turn, and
/// not at all while its revision is the one this instance read it at.
/// </summary>
public sealed class TurnCostTests : IAsyncLifetime
{
    private sealed class CommandLog : DbCommandInterceptor
    {
        private readonly List<string> commands = [];
        public bool Recording { get; set; }

        public IReadOnlyList<string> Take()
        {
            lock (commands)
            {
                var taken = commands.ToList();
                commands.Clear();
                return taken;
            }
        }

        private void Add(DbCommand command)
        {
            if (!Recording) return;
            lock (commands) commands.Add(command.CommandText);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private readonly CommandLog log = new();
    private readonly BotApp bot;

    /// <summary>
    /// The sender delivers what a click writes at once, on its own: it does not run, so that its reads are kept out of the
    /// click's. (Stopped just after the start instead, it could be stopped before it ran, and the host takes that for a
    /// failure and stops.)
    /// </summary>
    public TurnCostTests() => bot = new BotApp(services =>
    {
        services.ConfigureDbContext<SqliteReleaseBotDb>(o => o.AddInterceptors(log));
        services.ConfigureDbContext<PostgresReleaseBotDb>(o => o.AddInterceptors(log));
        foreach (var sender in services.Where(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(OutboxSender)).ToList())
            services.Remove(sender);
    });

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    /// <summary>The setup's read of the groups (their members are read beside it, in a query of their own).</summary>
    private static bool IsSetupGroups(string sql) =>
        sql.Contains("FROM \"Groups\"", StringComparison.Ordinal) && !sql.Contains("GroupMembers", StringComparison.Ordinal);

    [Fact]
    public async Task A_save_and_advance_click_reads_the_setup_only_when_it_changed_and_the_release_once()
    {
        var alex = TeamsUser.Alex;
        var confirm = await bot.ClickForCardAsync(alex, "open", new JObject { ["release"] = "REL-1001" });
        var form = await bot.ClickForCardAsync(alex, "claim", ActionData(confirm, "claim"));
        var data = (JObject)ActionData(form, "advance").DeepClone();
        data["situation"] = "EmExecucao";
        data["information"] = "Half way.";

        // The setup was read by the clicks before: only its revision is read now.
        log.Take();
        log.Recording = true;
        form = await bot.ClickForCardAsync(alex, "save", data);
        log.Recording = false;
        var unchanged = log.Take();
        Assert.Contains("Saved. The task Execution stays current", Text(form));
        Assert.Equal(0, unchanged.Count(sql => sql.Contains("FROM \"Flows\"", StringComparison.Ordinal)));
        Assert.Equal(0, unchanged.Count(IsSetupGroups));
        Assert.Equal(0, unchanged.Count(sql => sql.Contains("FROM \"SolutionCategories\"", StringComparison.Ordinal)));
        Assert.Equal(1, unchanged.Count(sql => sql.Contains("FROM \"DeskRevision\"", StringComparison.Ordinal)));

        // Another instance renames a group: the next click reads the setup again, once.
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();
            var group = db.Groups.OrderBy(g => g.Id).First();
            group.Name += " (renamed)";
            await db.SaveChangesAsync();
        }
        data = (JObject)ActionData(form, "advance").DeepClone();
        data["situation"] = "Resolvida";
        data["category"] = Choices(form, "category").First().Value;
        data["information"] = "Deployed.";
        data["releaseDate"] = "2026-11-25";

        log.Take();
        log.Recording = true;
        var advanced = await bot.ClickForCardAsync(alex, "advance", data);
        log.Recording = false;

        Assert.Contains("advanced", Text(advanced));
        var reads = log.Take();
        Assert.Equal(1, reads.Count(sql => sql.Contains("FROM \"Flows\"", StringComparison.Ordinal)));
        Assert.Equal(1, reads.Count(IsSetupGroups));
        Assert.Equal(1, reads.Count(sql => sql.Contains("FROM \"SolutionCategories\"", StringComparison.Ordinal)));
        Assert.Equal(1, reads.Count(sql => sql.Contains("FROM \"Releases\"", StringComparison.Ordinal) && sql.Contains("\"Revision\"", StringComparison.Ordinal)
            && !sql.Contains("UPDATE", StringComparison.Ordinal)));
    }
}
