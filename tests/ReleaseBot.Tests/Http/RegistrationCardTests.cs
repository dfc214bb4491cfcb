using System.Text.RegularExpressions;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Http;

/// <summary><c>new release</c> / <c>nova liberação</c>: release managers register a release from a card, with the API's rules.</summary>
public sealed class RegistrationCardTests : IAsyncLifetime
{
    private readonly BotApp bot = new();

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    private static (string Name, string Value)[] Filled(string title, string endDate = "2026-12-10") =>
    [
        ("title", title), ("description", "Blue-green, with a rollback plan"), ("type", "Standard"), ("version", "3.0.0"),
        ("risk", "High"), ("impact", "Medium"), ("urgency", "Low"), ("priority", "2"),
        ("startDate", "2026-12-10"), ("startTime", "22:00"), ("endDate", endDate), ("endTime", "23:30"), ("group", "Release Engineers"),
    ];

    [Fact]
    public async Task A_release_manager_registers_a_release_and_each_problem_is_named_first_in_English()
    {
        var lynne = TeamsUser.Lynne;
        var card = await bot.SayForCardAsync(lynne, "new release");
        Assert.Contains("New release", Text(card));
        Assert.Contains(("Release Engineers", "Release Engineers"), Choices(card, "group"));
        Assert.Contains(("Standard", "Standard"), Choices(card, "type"));
        Assert.Equal(["Low", "Medium", "High"], Choices(card, "risk").Select(c => c.Title));

        var empty = await bot.ClickForCardAsync(lynne, "register", Submit(card, "register", ("priority", "")));
        var text = Text(empty);
        Assert.Contains("Nothing was registered. Please correct:", text);
        foreach (var problem in new[] { "Title: required.", "Type: required.", "Version: required.", "Priority: required.",
                     "Planned start: required.", "Planned end: required.", "Executor group: required." })
            Assert.Contains(problem, text);

        var backwards = await bot.ClickForCardAsync(lynne, "register", Submit(empty, "register", Filled("Payroll 3.0", endDate: "2026-12-09")));
        Assert.Contains("Planned end: must be after the planned start.", Text(backwards));
        Assert.Equal("Payroll 3.0", InputValue(backwards, "title"));
        Assert.Equal(0, (await bot.SayForCardAsync(lynne, "find Payroll 3.0")).SelectTokens("$..[?(@.id)]").Count(i => ((string?)i["value"])?.StartsWith("REL-") == true));

        var registered = await bot.ClickForCardAsync(lynne, "register", Submit(backwards, "register", Filled("Payroll 3.0")));
        var match = Regex.Match(Text(registered), @"Registered (REL-\d+): its flow starts at the task Registration\.");
        Assert.True(match.Success, Text(registered));
        var key = match.Groups[1].Value;
        Assert.Contains("Payroll 3.0", Text(registered));
        Assert.Contains("12/10/2026 10:00 PM (UTC) – 12/10/2026 11:30 PM (UTC)", Text(registered).Replace("\u202F", " "));
        var log = await bot.SayForCardAsync(lynne, "log " + key);
        Assert.Contains("Registered the release (Registration)", Text(log));
    }

    [Fact]
    public async Task Only_release_managers_register_and_the_card_speaks_Portuguese()
    {
        var refused = Assert.Single(await bot.SayAsync(TeamsUser.Alex, "nova liberação", "pt-BR"));
        Assert.Equal("Somente gerentes de liberação podem registrar liberações. Nada foi registrado.", (string?)refused["text"]);

        var lynne = TeamsUser.Lynne;
        var card = await bot.SayForCardAsync(lynne, "nova liberação", "pt-BR");
        Assert.Contains("Nova liberação", Text(card));
        Assert.Equal(["Baixa", "Média", "Alta"], Choices(card, "urgency").Select(c => c.Title));
        var registered = await bot.ClickForCardAsync(lynne, "register", Submit(card, "register", Filled("Folha 3.0")), "pt-BR");
        Assert.Matches(@"REL-\d+ registrada: seu fluxo começa na tarefa Registro\.", Text(registered));

        var forged = await bot.ClickAsync(TeamsUser.Alex, "register", Submit(card, "register", Filled("Forjada")), "pt-BR");
        Assert.Equal("Somente gerentes de liberação podem registrar liberações. Nada foi registrado.", (string?)forged["value"]);
    }
}
