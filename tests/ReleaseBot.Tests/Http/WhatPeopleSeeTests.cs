using System.Net;
using Newtonsoft.Json.Linq;
using ReleaseBot.Domain;
using ReleaseBot.Features.Execution;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Http;

/// <summary>The smaller things a person sees in Teams: pop-ups, dropdowns, what a refused role keeps, re-execution, closures, times, categories, results.</summary>
public sealed class WhatPeopleSeeTests : IAsyncLifetime
{
    private readonly BotApp bot = new();

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task A_pop_up_answering_a_click_is_plain_text()
    {
        var bad = await bot.ClickAsync(TeamsUser.Alex, "form", new JObject());
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)bad["type"]);
        Assert.Equal("I could not read that action. Open the release again, for example: open REL-1001.", (string?)bad["value"]);

        var missing = await bot.ClickAsync(TeamsUser.Alex, "details", new JObject { ["release"] = "REL-9999" });
        Assert.Equal("I found no release REL-9999. Type find to search.", (string?)missing["value"]);

        var channelOnly = await bot.ClickAsync(TeamsUser.Alex, "unsubscribe", new JObject());
        Assert.Equal("Subscriptions belong to channels: mention me in the channel, e.g. @ReleaseBot subscribe.", (string?)channelOnly["value"]);

        // A typed message keeps its emphasis: Teams renders markdown there.
        Assert.Equal("I found no release REL-9999. Type **find** to search.", (string?)Assert.Single(await bot.SayAsync(TeamsUser.Alex, "open REL-9999"))["text"]);
    }

    [Fact]
    public async Task Dropdowns_re_sent_with_other_options_have_other_ids()
    {
        // Another page of releases is another chooser.
        var page1 = await bot.SayForCardAsync(TeamsUser.Alex, "find");
        var page2 = await bot.ClickForCardAsync(TeamsUser.Alex, "find", ActionData(page1, "find"));
        Assert.NotEqual(InputId(page1, "release"), InputId(page2, "release"));
        Assert.Equal(InputId(page2, "release"), InputId(await bot.ClickForCardAsync(TeamsUser.Alex, "find", ActionData(page1, "find")), "release"));

        // The link card after a link and an unlink: its lists are new inputs, offering what is linked now.
        var confirm = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        var form = await bot.ClickForCardAsync(TeamsUser.Alex, "claim", ActionData(confirm, "claim"));
        var links = await bot.ClickForCardAsync(TeamsUser.Alex, "links", ActionData(form, "links"));
        var megan = Choices(links, "rolePerson").Single(p => p.Title == "Megan Bowen").Value;
        var withRole = await bot.ClickForCardAsync(TeamsUser.Alex, "linkRole", Submit(links, "linkRole", ("rolePerson", megan), ("roleName", "Deployment lead")));
        var withItem = await bot.ClickForCardAsync(TeamsUser.Alex, "link", Submit(withRole, "link", ("itemId", Choices(withRole, "itemId")[0].Value)));
        Assert.NotEqual(InputId(withRole, "linkId"), InputId(withItem, "linkId"));
        Assert.NotEqual(InputId(links, "itemId"), InputId(withItem, "itemId"));
        var problem = Choices(withItem, "linkId").Single(c => c.Title.StartsWith("Problem", StringComparison.Ordinal));
        var unlinked = await bot.ClickForCardAsync(TeamsUser.Alex, "unlink", Submit(withItem, "unlink", ("linkId", problem.Value)));
        Assert.NotEqual(InputId(withItem, "linkId"), InputId(unlinked, "linkId"));
        Assert.Equal(["Role/Responsibility · Megan Bowen — Deployment lead"], Choices(unlinked, "linkId").Select(c => c.Title));

        // The execution form: a save (a new revision) gives new inputs; a refused save keeps them, with what was typed.
        form = await bot.ClickForCardAsync(TeamsUser.Alex, "form", ActionData(unlinked, "form"));
        var refused = await bot.ClickForCardAsync(TeamsUser.Alex, "advance", Submit(form, "advance", ("situation", "EmExecucao"), ("information", "Half done.")));
        Assert.Contains("Nothing was saved", Text(refused));
        Assert.Equal(InputId(form, "situation"), InputId(refused, "situation"));
        var saved = await bot.ClickForCardAsync(TeamsUser.Alex, "save", Submit(refused, "save", ("situation", "EmExecucao"), ("information", "Half done.")));
        Assert.NotEqual(InputId(refused, "situation"), InputId(saved, "situation"));
        Assert.Equal("Half done.", InputValue(saved, "information"));
    }

    [Fact]
    public async Task A_refused_role_keeps_the_person_and_the_role_that_were_typed()
    {
        var confirm = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        var form = await bot.ClickForCardAsync(TeamsUser.Alex, "claim", ActionData(confirm, "claim"));
        var links = await bot.ClickForCardAsync(TeamsUser.Alex, "links", ActionData(form, "links"));
        var megan = Choices(links, "rolePerson").Single(p => p.Title == "Megan Bowen").Value;

        var noRole = await bot.ClickForCardAsync(TeamsUser.Alex, "linkRole", Submit(links, "linkRole", ("rolePerson", megan), ("roleName", "  ")));
        Assert.Contains("Choose a person and write their role", Text(noRole));
        Assert.Equal(megan, InputValue(noRole, "rolePerson"));

        var noPerson = await bot.ClickForCardAsync(TeamsUser.Alex, "linkRole", Submit(noRole, "linkRole", ("rolePerson", ""), ("roleName", "Deployment lead")));
        Assert.Contains("Choose a person and write their role", Text(noPerson));
        Assert.Equal("Deployment lead", InputValue(noPerson, "roleName"));
        Assert.Equal("", InputValue(noPerson, "rolePerson"));

        var linked = await bot.ClickForCardAsync(TeamsUser.Alex, "linkRole", Submit(noPerson, "linkRole", ("rolePerson", megan), ("roleName", "Deployment lead")));
        Assert.Contains("Linked to REL-1001: Role/Responsibility · Megan Bowen — Deployment lead.", Text(linked));
        Assert.Equal("", InputValue(linked, "rolePerson"));
        Assert.Equal("", InputValue(linked, "roleName"));
    }

    [Fact]
    public async Task Not_resolved_says_the_release_went_back_for_re_execution()
    {
        // Execution not resolved: back to Execution.
        var megan = TeamsUser.Megan;
        var confirm = await bot.SayForCardAsync(megan, "open REL-1011");
        var form = await bot.ClickForCardAsync(megan, "claim", ActionData(confirm, "claim"));
        var back = await bot.ClickForCardAsync(megan, "advance", Submit(form, "advance", ("situation", "NaoResolvida"), ("information", "Smoke tests failed.")));
        Assert.Contains("Saved and sent back: REL-1011 returns to the task Execution for re-execution.", Text(back));
        Assert.DoesNotContain("advanced", Text(back));
        var log = await bot.ClickForCardAsync(megan, "log", ActionData(back, "log"));
        Assert.Contains("Sent the task Execution back for re-execution (Not resolved)", Text(log));
        Assert.DoesNotContain("from Execution to Execution", Text(log));

        // Test not resolved: back to Execution, an earlier step.
        confirm = await bot.SayForCardAsync(megan, "open REL-1005");
        form = await bot.ClickForCardAsync(megan, "claim", ActionData(confirm, "claim"));
        back = await bot.ClickForCardAsync(megan, "advance", Submit(form, "advance", ("situation", "NaoResolvida"), ("information", "Regression in the e-mails.")));
        Assert.Contains("Saved and sent back: REL-1005 returns to the task Execution for re-execution.", Text(back));
        log = await bot.ClickForCardAsync(megan, "log", ActionData(back, "log"));
        Assert.Contains("Sent the flow back from Test to Execution for re-execution (Not resolved)", Text(log));
    }

    [Fact]
    public async Task Before_the_current_task_has_a_closure_the_card_shows_the_previous_steps_as_the_previous_steps()
    {
        var before = await bot.SayForCardAsync(TeamsUser.Adele, "open REL-1001");
        Assert.Contains("Closure of the previous step (Authorization)", Text(before));
        var pt = await bot.SayForCardAsync(TeamsUser.Adele, "abrir REL-1001", "pt-BR");
        Assert.Contains("Fechamento da etapa anterior (Autorização)", Text(pt));

        var confirm = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        var form = await bot.ClickForCardAsync(TeamsUser.Alex, "claim", ActionData(confirm, "claim"));
        await bot.ClickForCardAsync(TeamsUser.Alex, "save", Submit(form, "save", ("situation", "EmExecucao"), ("information", "Started.")));
        var after = await bot.SayForCardAsync(TeamsUser.Adele, "open REL-1001");
        Assert.DoesNotContain("previous step", Text(after));
        Assert.Contains("Closure", Text(after));
        Assert.Contains("Started.", Text(after));
    }

    [Fact]
    public async Task Times_are_shown_in_the_persons_zone_named_in_personal_chats_and_channels_alike()
    {
        // The planned start and end of REL-1002, in Megan's zone, each with the zone named.
        var saoPaulo = await SayWithZoneAsync("open REL-1002", "America/Sao_Paulo", TimeSpan.FromHours(-3), "pt-BR");
        Assert.Matches(@"\d\d/\d\d/2026 \d\d:\d\d \(America/Sao_Paulo\) – \d\d/\d\d/2026 \d\d:\d\d \(America/Sao_Paulo\)", Text(saoPaulo));

        var offsetOnly = await SayWithZoneAsync("open REL-1002", null, TimeSpan.FromHours(-3), "pt-BR");
        Assert.Contains("(UTC\u221203:00)", Text(offsetOnly));

        var channel = await SayWithZoneAsync("open REL-1002", "Asia/Kolkata", TimeSpan.FromMinutes(330), "en-US", TeamsPlace.Channel());
        Assert.Contains("(Asia/Kolkata)", Text(channel));

        var utc = await bot.SayForCardAsync(TeamsUser.Megan, "open REL-1002");
        Assert.Contains("(UTC)", Text(utc));
    }

    [Fact]
    public async Task Long_category_paths_fit_the_dropdown_and_it_wraps()
    {
        var reservations = new SolutionCategory { Id = 1, Name = new LocalizedText("Deployed with reservations", "Implantada com ressalvas") };
        var degraded = new SolutionCategory { Id = 2, Parent = reservations, Name = new LocalizedText("Degraded performance", "Desempenho degradado") };
        var latency = new SolutionCategory { Id = 3, Parent = degraded, Name = new LocalizedText("Latency above the agreed level", "Latência acima do acordado") };
        var success = new SolutionCategory { Id = 4, Name = new LocalizedText("Deployed successfully", "Implantada com sucesso") };

        Assert.Equal("Deployed successfully", ExecutionFormCard.CategoryTitle(success, Language.English));
        Assert.Equal("… › Degraded performance", ExecutionFormCard.CategoryTitle(degraded, Language.English));
        Assert.Equal("… › Latency above the agreed level", ExecutionFormCard.CategoryTitle(latency, Language.English));
        Assert.All(new[] { degraded, latency }, k => Assert.InRange(ExecutionFormCard.CategoryTitle(k, Language.PortugueseBrazil).Length, 1, ExecutionFormCard.MaxCategoryTitle));

        var confirm = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        var form = await bot.ClickForCardAsync(TeamsUser.Alex, "claim", ActionData(confirm, "claim"));
        Assert.True((bool?)Input(form, "category")!["wrap"]);
        Assert.Contains(Choices(form, "category"), c => c.Title == "… › Degraded performance");
        Assert.Contains(Choices(form, "category"), c => c.Title == "Deployed with reservations");
    }

    [Fact]
    public async Task Right_after_linking_the_results_say_what_happened()
    {
        var confirm = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        var form = await bot.ClickForCardAsync(TeamsUser.Alex, "claim", ActionData(confirm, "claim"));
        var links = await bot.ClickForCardAsync(TeamsUser.Alex, "links", ActionData(form, "links"));
        var found = await bot.ClickForCardAsync(TeamsUser.Alex, "links", Submit(links, "links", ("searchKind", "Problem"), ("searchText", "PRB-2001")));
        var item = Assert.Single(Choices(found, "itemId"));

        var linked = await bot.ClickForCardAsync(TeamsUser.Alex, "link", Submit(found, "link", ("searchKind", "Problem"), ("searchText", "PRB-2001"), ("itemId", item.Value)));
        Assert.Contains("Everything that matches is already linked to REL-1001.", Text(linked));
        Assert.DoesNotContain("No item matches.", Text(linked));

        var all = await bot.ClickForCardAsync(TeamsUser.Alex, "links", Submit(linked, "links", ("searchKind", "Problem"), ("searchText", "")));
        Assert.Equal(4, Choices(all, "itemId").Count);
        var none = await bot.ClickForCardAsync(TeamsUser.Alex, "links", Submit(all, "links", ("searchKind", "Problem"), ("searchText", "nothing like this")));
        Assert.Contains("No item matches.", Text(none));
    }

    /// <summary>A typed message from Megan whose client says its time zone (or only its offset), answered with one card.</summary>
    private async Task<JObject> SayWithZoneAsync(string text, string? zone, TimeSpan offset, string locale, TeamsPlace? place = null)
    {
        place ??= TeamsPlace.Personal(TeamsUser.Megan);
        var activity = TeamsActivities.Message(bot.Connector.ServiceUrl, TeamsUser.Megan, place, text, locale);
        activity["localTimestamp"] = DateTimeOffset.UtcNow.ToOffset(offset).ToString("o");
        if (zone is not null) activity["localTimezone"] = zone;
        bot.Connector.Drain();
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(activity.ToString())).StatusCode);
        var reply = Assert.Single(bot.Connector.Drain(), s => s.ConversationId == place.ConversationId);
        return (JObject)reply.Activity.SelectToken("attachments[0].content")!;
    }
}
