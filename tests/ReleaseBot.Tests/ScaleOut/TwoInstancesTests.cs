using Microsoft.EntityFrameworkCore;
using System.Globalization;
using Newtonsoft.Json.Linq;
using ReleaseBot.Domain;
using ReleaseBot.Tests.Http;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.ScaleOut;

/// <summary>
/// Several instances behind a load balancer on PostgreSQL: any turn may reach any instance, and nothing is
/// applied or sent twice. Always on PostgreSQL, whichever provider the rest of the suite runs on.
/// </summary>
public sealed class TwoInstancesTests
{
    private const string General = "19:general@thread.tacv2";
    private const string Releases = "19:releases@thread.tacv2";
    private static readonly TeamsUser Patti = new("29:patti", "Patti Fernandez", "00000000-0000-0000-0000-0000000000024");
    private static readonly TeamsUser Lynne = new("29:lynne", "Lynne Robbins", "00000000-0000-0000-0000-0000000000025");

    [Fact]
    public async Task Fifty_claims_of_one_task_spread_over_both_instances_assign_it_once()
    {
        await using var bots = await TwoInstances.StartAsync();
        var engineers = await bots.NewMembersAsync("Release Engineers", 50);
        var before = await bots.ReleaseAsync("REL-1001");
        var seen = ActionData(await bots.A.SayForCardAsync(engineers[0], "open REL-1001"), "claim");

        var answers = await Task.WhenAll(engineers.Select((engineer, i) => bots[i].ClickForCardAsync(engineer, "claim", seen)));

        var won = Assert.Single(Enumerable.Range(0, 50), i => Text(answers[i]).Contains("The task Execution of REL-1001 is now assigned to you."));
        var winner = engineers[won];
        // The others clicked a card that the winner's claim made out of date: they are told so, and who holds the task now.
        Assert.All(answers.Where((_, i) => i != won), answer =>
        {
            Assert.Contains("This card was out of date: REL-1001 changed since it was shown.", Text(answer));
            Assert.Contains($"The task Execution is assigned to {winner.Name}.", Text(answer));
        });

        var after = await bots.ReleaseAsync("REL-1001");
        Assert.Equal(winner.AadObjectId, after.Tasks.Single(t => t.FinishedAt == null).AssigneeAadId);
        Assert.Equal(before.Revision + 1, after.Revision);
        var claim = Assert.Single(after.Log, e => e.Revision > before.Revision);
        Assert.Equal((Occurrence.TaskClaimed, winner.AadObjectId), (claim.Occurrence, claim.ActorAadId));
    }

    [Fact]
    public async Task Board_members_deciding_at_once_on_both_instances_make_one_decision()
    {
        await using var bots = await TwoInstances.StartAsync();
        var board = await bots.NewMembersAsync("Change Advisory Board", 10);
        var before = await bots.ReleaseAsync("REL-1003"); // waits at Authorization, an approval
        var card = await bots.A.SayForCardAsync(board[0], "open REL-1003");

        var answers = await Task.WhenAll(board.Select((member, i) =>
            bots[i].ClickForCardAsync(member, i % 2 == 0 ? "approve" : "reject", Submit(card, i % 2 == 0 ? "approve" : "reject", ("comment", $"by {member.Name}")))));

        var won = Assert.Single(Enumerable.Range(0, board.Count), i =>
            Text(answers[i]).Contains("Approved: REL-1003 moves on") || Text(answers[i]).Contains("Rejected: REL-1003 goes back"));
        Assert.All(answers.Where((_, i) => i != won), answer => Assert.Contains("This card was out of date: REL-1003 changed since it was shown.", Text(answer)));
        var after = await bots.ReleaseAsync("REL-1003");
        var decisions = after.Log.Where(e => e.Revision > before.Revision && e.Occurrence is Occurrence.Approved or Occurrence.Rejected).ToList();
        Assert.Equal((board[won].AadObjectId, $"by {board[won].Name}"), (Assert.Single(decisions).ActorAadId, decisions[0].Text));
        Assert.Equal(before.Revision + 2, after.Revision); // the decision and its advance
    }

    [Fact]
    public async Task Both_instances_reminding_every_second_send_each_reminder_once()
    {
        await using var bots = await TwoInstances.StartAsync(new Dictionary<string, string>
        {
            ["Notifications__Reminders__Lead"] = "4.00:00:00",
            ["Notifications__Reminders__Interval"] = "00:00:01",
        });
        await bots.A.SayForCardAsync(TeamsUser.Megan, "subscribe events reminder", "en-US", TeamsPlace.Channel(General));
        // A new planned start is a new window to remind of: both instances' rounds race for it from now on.
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(2).AddHours(9).AddMinutes(17), TimeSpan.Zero);
        await using (var db = bots.Database.NewDb())
            await db.Releases.Where(r => r.Key == "REL-1003").ExecuteUpdateAsync(u => u.SetProperty(r => r.PlannedStart, start));
        var text = $"**REL-1003** · Starts at {start.ToString("g", CultureInfo.GetCultureInfo("en-US"))} (UTC)";

        await bots.Connector.WaitForAsync(c => c.Any(x => ((string?)x.Body["text"])?.Replace("\u202F", " ").StartsWith(text.Replace("\u202F", " ")) == true), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3)); // several more rounds on both instances
        Assert.Single(bots.Connector.Calls, x => ((string?)x.Body["text"])?.Replace("\u202F", " ").StartsWith(text.Replace("\u202F", " ")) == true);
    }

    [Fact]
    public async Task A_walk_through_begun_on_one_instance_finishes_on_the_other()
    {
        await using var bots = await TwoInstances.StartAsync();
        var alex = TeamsUser.Alex;

        var confirm = await bots.A.SayForCardAsync(alex, "open REL-1011");
        // "log" names no release: the one in hand, which only the other instance has seen.
        Assert.Contains("Execution log — REL-1011", Text(await bots.B.SayForCardAsync(alex, "log")));
        var form = await bots.B.ClickForCardAsync(alex, "claim", ActionData(confirm, "claim"));
        Assert.Contains("The task Execution of REL-1011 is now assigned to you.", Text(form));

        var keep = (JObject)ActionData(form, "save").DeepClone();
        keep["situation"] = "EmExecucao";
        keep["information"] = "Canary at 10%.";
        form = await bots.A.ClickForCardAsync(alex, "save", keep);
        Assert.Equal("Canary at 10%.", InputValue(form, "information"));

        var advance = (JObject)ActionData(form, "advance").DeepClone();
        advance["situation"] = "Resolvida";
        advance["category"] = Choices(form, "category").First().Value;
        advance["information"] = "Rolled out to everyone.";
        advance["releaseDate"] = "2026-11-25";
        var advanced = await bots.B.ClickForCardAsync(alex, "advance", advance);
        Assert.Contains("Test", Text(advanced));

        var log = await bots.A.SayForCardAsync(alex, "log");
        Assert.Contains("Execution log — REL-1011", Text(log));
        Assert.Contains("Rolled out to everyone.", Text(log));

        // The release in hand changes on one instance: the other follows, it keeps nothing of its own.
        await bots.B.SayForCardAsync(alex, "open REL-1001");
        Assert.Contains("Flow — REL-1001", Text(await bots.A.SayForCardAsync(alex, "flow")));

        var release = await bots.ReleaseAsync("REL-1011");
        Assert.Equal(ReleaseStatus.Resolvida, release.Status);
        Assert.Equal("teste", release.CurrentTask!.StepKey);
    }

    [Fact]
    public async Task Notifications_produced_on_both_instances_are_delivered_exactly_once()
    {
        await using var bots = await TwoInstances.StartAsync();
        string[] channels = [General, Releases];
        foreach (var channel in channels)
            Assert.Contains("Subscribed.", Text(await bots.A.SayForCardAsync(TeamsUser.Megan, "subscribe", "en-US", TeamsPlace.Channel(channel))));

        (TeamsUser Who, string Release, string Step)[] executions =
        [
            (TeamsUser.Alex, "REL-1001", "Execution"),
            (TeamsUser.Alex, "REL-1011", "Execution"),
            (Patti, "REL-1010", "Execution"),
            (Patti, "REL-1012", "Execution"),
            (Lynne, "REL-1003", "Authorization"),
            (Lynne, "REL-1004", "Registration"),
        ];
        var revisions = new Dictionary<string, int>();
        foreach (var (_, key, _) in executions) revisions[key] = (await bots.ReleaseAsync(key)).Revision;

        // Each person claims on one instance and saves on the other, all at once.
        await Task.WhenAll(executions.Select(async (e, i) =>
        {
            var form = await bots[i].ClickForCardAsync(e.Who, "claim", new JObject { ["release"] = e.Release, ["revision"] = revisions[e.Release] });
            Assert.Contains("is now assigned to you.", Text(form));
            var save = (JObject)ActionData(form, "save").DeepClone();
            save["situation"] = "EmExecucao";
            save["information"] = "Under way.";
            Assert.Contains("Saved. The task", Text(await bots[i + 1].ClickForCardAsync(e.Who, "save", save)));
        }));

        var expected = executions.Length * 2 * channels.Length;
        var outbox = await bots.DeliveredAsync(expected);
        await Task.Delay(500); // a second delivery of any of them would arrive by now

        Assert.Equal(expected, outbox.Count);
        var calls = bots.Connector.Calls;
        foreach (var channel in channels)
        {
            var threads = calls.Where(c => c.Method == "CREATE" && (string?)c.Body.SelectToken("channelData.channel.id") == channel).ToList();
            Assert.Equal(executions.Length, threads.Count);
            foreach (var (who, key, step) in executions)
            {
                var thread = Assert.Single(threads, t => Text(t.Body.SelectToken("activity.attachments[0].content")!).Contains(key + " · "));
                var replies = calls.Where(c => c.Method == "POST" && c.ConversationId == thread.ConversationId).Select(c => (string)c.Body["text"]!).ToList();
                Assert.Equal(2, replies.Count);
                Assert.Contains($"{who.Name}: Took the task {step}", replies[0]);
                Assert.Contains($"{who.Name}: Saved the execution of {step}", replies[1]);
            }
        }
    }

    [Fact]
    public async Task Webhook_deliveries_made_on_both_instances_are_each_sent_once()
    {
        await using var bots = await TwoInstances.StartAsync();
        await using var receiver = await ReleaseBot.Tests.Api.WebhookReceiver.StartAsync();
        string key;
        await using (var db = bots.Database.NewDb())
        {
            key = (await new ReleaseBot.Api.ApiKeys(db, TimeProvider.System).CreateAsync("pipeline", [ReleaseBot.Api.ApiScope.ReleasesWrite])).Created!.Secret;
            db.Set<ReleaseBot.Notifications.Webhook>().Add(new ReleaseBot.Notifications.Webhook
            {
                Url = receiver.Url, Events = ReleaseBot.Notifications.NotificationEvent.NoteAdded, Secret = "a-secret-of-the-pipeline", CreatedBy = "test",
            });
            await db.SaveChangesAsync();
        }
        receiver.AnswerNext(500, 429, 503);

        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/releases/REL-1001/notes")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { text = $"Step {i} done" }),
            };
            request.Headers.Authorization = new("Bearer", key);
            Assert.Equal(System.Net.HttpStatusCode.Created, (await bots[i].Http.SendAsync(request)).StatusCode);
        }

        var received = await receiver.WaitForAsync(r => r.Count(x => x.AnsweredWith == 200) >= 20, seconds: 60);
        await Task.Delay(1000);
        var delivered = receiver.All.Where(r => r.AnsweredWith == 200).Select(r => r.Headers["X-ReleaseBot-Delivery"]).ToList();
        Assert.Equal(20, delivered.Count);
        Assert.Equal(20, delivered.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"Step {i} done").Order(),
            receiver.All.Where(r => r.AnsweredWith == 200).Select(r => (string)System.Text.Json.Nodes.JsonNode.Parse(r.Body)!["entry"]!["text"]!).Order());
    }
}
