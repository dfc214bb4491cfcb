using Newtonsoft.Json.Linq;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Http;

/// <summary>Approve / Reject from Teams: the change board decides on the release card, without claiming it first.</summary>
public sealed class ApprovalTests : IAsyncLifetime
{
    private readonly BotApp bot = new();

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task A_board_member_approves_with_a_comment_and_a_second_click_meets_an_old_card_in_English()
    {
        var engineer = await bot.ClickForCardAsync(TeamsUser.Alex, "details", new JObject { ["release"] = "REL-1003" }); // waits at Authorization
        Assert.False(HasAction(engineer, "approve"), "only the board decides");
        Assert.Null(Input(engineer, "comment"));

        var lynne = TeamsUser.Lynne;
        var card = await bot.SayForCardAsync(lynne, "open REL-1003");
        Assert.Equal(["approve", "reject", "log", "flow", "manage"], Actions(card).Select(a => (string)a["verb"]!));
        Assert.Equal("Comment (optional)", (string?)Input(card, "comment")!["label"]);

        var approved = await bot.ClickForCardAsync(lynne, "approve", Submit(card, "approve", ("comment", "Low risk, **go**")));
        Assert.Contains("Approved: REL-1003 moves on to the task Execution.", Text(approved));
        Assert.Contains("Approved", Text(approved));
        var again = await bot.ClickForCardAsync(lynne, "reject", Submit(card, "reject", ("comment", "Changed my mind")));
        Assert.Contains("This card was out of date: REL-1003 changed since it was shown.", Text(again));

        var log = await bot.SayForCardAsync(lynne, "log REL-1003");
        Assert.Contains(@"Approved Authorization: Low risk, \*\*go\*\*", Text(log));
        Assert.DoesNotContain("Rejected", Text(log));
    }

    [Fact]
    public async Task Rejecting_sends_the_release_back_to_registration_in_Portuguese()
    {
        var lynne = TeamsUser.Lynne;
        var card = await bot.SayForCardAsync(lynne, "abrir REL-1003", "pt-BR");
        Assert.Contains("Aprovar", Actions(card).Select(a => (string)a["title"]!));

        var rejected = await bot.ClickForCardAsync(lynne, "reject", Submit(card, "reject", ("comment", "")), "pt-BR");

        Assert.Contains("Reprovada: REL-1003 volta para a tarefa Registro.", Text(rejected));
        var log = await bot.SayForCardAsync(lynne, "registro REL-1003", "pt-BR");
        Assert.Contains("Reprovou Autorização", Text(log));
    }
}
