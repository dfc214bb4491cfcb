using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json.Linq;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Http;

/// <summary>Bad input gets a clear answer in the user's language and changes nothing; never a 500.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly BotApp bot = new();

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task A_user_without_execution_permission_sees_the_release_but_cannot_claim_it()
    {
        var card = await bot.SayForCardAsync(TeamsUser.Adele, "open REL-1001");
        Assert.Contains("The task Execution waits for the group Release Engineers", Text(card));
        Assert.False(HasAction(card, "open") && HasAction(card, "claim"));
        Assert.False(HasAction(card, "form"));
        var before = await SnapshotAsync("REL-1001");

        // A forged click on Confirm is refused by the domain too.
        var refused = await bot.ClickForCardAsync(TeamsUser.Adele, "claim", new JObject { ["release"] = "REL-1001", ["revision"] = before.Revision }, "pt-BR");
        Assert.Contains("Você não tem permissão para executar a tarefa Execução de REL-1001: ela aguarda o grupo Release Engineers. Nada foi alterado.", Text(refused));
        Assert.Equal(before, await SnapshotAsync("REL-1001"));
    }

    [Fact]
    public async Task A_second_click_on_confirm_is_never_applied_twice_and_a_rival_is_told_the_card_is_out_of_date_and_who_holds_the_task()
    {
        var confirm = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        var claim = ActionData(confirm, "claim");
        await bot.ClickForCardAsync(TeamsUser.Alex, "claim", claim);
        var afterFirst = await SnapshotAsync("REL-1001");

        var again = await bot.ClickForCardAsync(TeamsUser.Alex, "claim", claim);
        Assert.Contains("is already assigned to you", Text(again));
        var rival = await bot.ClickForCardAsync(TeamsUser.Megan, "claim", claim);
        Assert.Contains("This card was out of date: REL-1001 changed since it was shown.", Text(rival));
        Assert.Contains("• The task Execution is assigned to Alex Wilber.", Text(rival));
        Assert.Equal(afterFirst, await SnapshotAsync("REL-1001"));
    }

    [Fact]
    public async Task NUL_characters_in_what_a_person_types_are_dropped_on_every_database()
    {
        var found = await bot.SayForCardAsync(TeamsUser.Alex, "find pay\0ments");
        Assert.Contains("REL-1001", Text(found));

        var confirm = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        var form = await bot.ClickForCardAsync(TeamsUser.Alex, "claim", ActionData(confirm, "claim"));
        var save = (JObject)ActionData(form, "save").DeepClone();
        save["situation"] = "EmExecucao";
        save["information"] = "Step 1\0 done.";
        var saved = await bot.ClickForCardAsync(TeamsUser.Alex, "save", save);

        Assert.Contains("Saved.", Text(saved));
        Assert.Equal("Step 1 done.", (await SnapshotAsync("REL-1001")).Information);
    }

    [Fact]
    public async Task A_stale_card_is_refused_with_the_current_state()
    {
        var confirm = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        var form = await bot.ClickForCardAsync(TeamsUser.Alex, "claim", ActionData(confirm, "claim"));
        var oldSave = (JObject)ActionData(form, "save").DeepClone();
        oldSave["situation"] = "EmExecucao";
        await bot.ClickForCardAsync(TeamsUser.Alex, "save", oldSave);
        var afterSave = await SnapshotAsync("REL-1001");

        var stale = await bot.ClickForCardAsync(TeamsUser.Alex, "save", oldSave);
        Assert.Contains("This card was out of date: REL-1001 changed since it was shown.", Text(stale));
        Assert.Equal(afterSave, await SnapshotAsync("REL-1001"));
    }

    [Theory]
    [InlineData("Implantada", "Planned", "Solution category: choose one from the list.")]
    [InlineData("999", "Planned", "Solution category: choose one from the list.")]
    [InlineData("1", "", "Execution information: required for the chosen situation.")]
    [InlineData("1", "OVERSIZED", "Execution information: at most 4000 characters.")]
    public async Task Invalid_closures_are_answered_on_the_form_and_nothing_is_saved(string category, string information, string expected)
    {
        if (information == "OVERSIZED") information = new string('x', 4001);
        var confirm = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        var form = await bot.ClickForCardAsync(TeamsUser.Alex, "claim", ActionData(confirm, "claim"));
        var before = await SnapshotAsync("REL-1001");
        var data = (JObject)ActionData(form, "save").DeepClone();
        data["situation"] = "Resolvida";
        data["category"] = category;
        data["information"] = information;
        data["releaseDate"] = "2026-11-25";

        var answer = await bot.ClickForCardAsync(TeamsUser.Alex, "save", data);
        Assert.Contains(expected, Text(answer));
        Assert.Equal(before, await SnapshotAsync("REL-1001"));
    }

    [Fact]
    public async Task Unknown_keys_and_commands_get_a_hint_in_the_users_language()
    {
        var notFound = Assert.Single(await bot.SayAsync(TeamsUser.Alex, "open REL-9999"));
        Assert.Equal("I found no release REL-9999. Type **find** to search.", (string?)notFound["text"]);
        var naoEncontrada = Assert.Single(await bot.SayAsync(TeamsUser.Alex, "abrir REL-9999", "pt-BR"));
        Assert.Equal("Não encontrei a liberação REL-9999. Digite **buscar** para pesquisar.", (string?)naoEncontrada["text"]);
        var unknown = Assert.Single(await bot.SayAsync(TeamsUser.Alex, "deploy everything now"));
        Assert.Equal("I did not understand \"deploy everything now\". Type **help** to see what I can do.", (string?)unknown["text"]);
        var noKey = Assert.Single(await bot.SayAsync(TeamsUser.Alex, "registro", "pt-PT"));
        Assert.Equal("Diga qual liberação, por exemplo: **registro REL-1001**.", (string?)noKey["text"]);
    }

    [Fact]
    public async Task A_click_that_cannot_be_read_is_answered_with_a_message_not_an_error()
    {
        var unknownVerb = await bot.ClickAsync(TeamsUser.Alex, "launch", new JObject { ["release"] = "REL-1001" });
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)unknownVerb["type"]);
        Assert.Contains("could not read that action", (string?)unknownVerb["value"]);

        var noRevision = await bot.ClickAsync(TeamsUser.Alex, "claim", new JObject { ["release"] = "REL-1001" });
        Assert.Contains("could not read that action", (string?)noRevision["value"]);

        var unknownRelease = await bot.ClickAsync(TeamsUser.Alex, "open", new JObject { ["release"] = "REL-424242" });
        Assert.Contains("I found no release REL-424242", (string?)unknownRelease["value"]);
    }

    [Fact]
    public async Task Link_and_unlink_without_a_choice_say_what_to_choose_and_change_nothing()
    {
        var confirm = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        var form = await bot.ClickForCardAsync(TeamsUser.Alex, "claim", ActionData(confirm, "claim"));
        var links = await bot.ClickForCardAsync(TeamsUser.Alex, "links", ActionData(form, "links"));
        var before = await SnapshotAsync("REL-1001");

        var noItem = await bot.ClickForCardAsync(TeamsUser.Alex, "link", ActionData(links, "link"));
        Assert.Contains("Choose an item in the results first. Nothing was linked.", Text(noItem));
        var unlink = (JObject)ActionData(links, "linkRole").DeepClone(); // the card offers Unlink only once something is linked
        var noLink = await bot.ClickForCardAsync(TeamsUser.Alex, "unlink", unlink);
        Assert.Contains("Choose the linked item to unlink first. Nothing was changed.", Text(noLink));
        var noRole = await bot.ClickForCardAsync(TeamsUser.Alex, "linkRole", ActionData(links, "linkRole"), "pt-BR");
        Assert.Contains("Escolha uma pessoa e escreva o papel dela (no máximo 100 caracteres). Nada foi vinculado.", Text(noRole));
        Assert.Equal(before, await SnapshotAsync("REL-1001"));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[1,2,3]")]
    public async Task Malformed_activities_get_a_4xx_never_a_500(string body)
    {
        var response = await bot.Http.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task An_invoke_without_an_action_gets_a_400()
    {
        var activity = TeamsActivities.Invoke(bot.Connector.ServiceUrl, TeamsUser.Alex, TeamsPlace.Personal(TeamsUser.Alex), "open", new JObject(), "en-US");
        activity["value"] = new JObject { ["action"] = new JObject { ["type"] = "Action.Submit" } };
        var response = await bot.PostAsync(activity.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private sealed record Snapshot(int Revision, string? Assignee, string Status, long LogEntries, string? Information);

    /// <summary>What is saved of a release, read straight from the database.</summary>
    private async Task<Snapshot> SnapshotAsync(string key)
    {
        await using var db = bot.Database.NewDb();
        var release = await db.Releases.AsNoTracking().Include(r => r.Tasks).SingleAsync(r => r.Key == key);
        var open = release.Tasks.SingleOrDefault(t => t.FinishedAt == null);
        var logEntries = await db.ExecutionLog.CountAsync(e => e.ReleaseId == release.Id);
        return new Snapshot(release.Revision, open?.AssigneeName, release.Status.ToString(), logEntries, open?.ExecutionInformation);
    }
}
