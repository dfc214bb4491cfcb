using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json.Linq;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Http;

/// <summary>A refused click says the reason a person can act on first: the card is out of date, then you are not in the group.</summary>
public sealed class RefusalOrderTests : IAsyncLifetime
{
    private const string OutOfDate = "This card was out of date: REL-1001 changed since it was shown. Here is its current state; nothing was changed.";
    private const string NotInTheGroup = "You do not have permission to execute the task Execution of REL-1001: it waits for the group Release Engineers. Nothing was changed.";

    private readonly BotApp bot = new();

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task An_old_execution_form_after_the_flow_moved_to_Test_is_out_of_date()
    {
        var alex = TeamsUser.Alex;
        var confirm = await bot.SayForCardAsync(alex, "open REL-1001");
        var form = await bot.ClickForCardAsync(alex, "claim", ActionData(confirm, "claim"));
        var category = Choices(form, "category").Single(c => c.Title == "Deployed successfully").Value;
        var advanced = await bot.ClickForCardAsync(alex, "advance",
            Submit(form, "advance", ("situation", "Resolvida"), ("category", category), ("information", "Deployed."), ("releaseDate", "2026-11-25")));
        Assert.Contains("Saved and advanced: REL-1001 is now at the task Test.", Text(advanced));
        var before = await RevisionAsync();

        // Alex still has the form of the Execution task and clicks "Save and keep" on it; Test waits for Quality Assurance.
        var old = await bot.ClickForCardAsync(alex, "save", Submit(form, "save", ("situation", "EmExecucao"), ("information", "Still deploying.")));

        Assert.Contains(OutOfDate, Text(old));
        Assert.DoesNotContain("Confirm the assignment", Text(old));
        Assert.DoesNotContain("permission", Text(old));
        Assert.Contains("Quality Assurance", Text(old)); // the current card: Test waits for Quality Assurance
        Assert.False(HasAction(old, "form"));
        Assert.Equal(before, await RevisionAsync());

        // The old form's other buttons say the same.
        Assert.Contains(OutOfDate, Text(await bot.ClickForCardAsync(alex, "links", ActionData(form, "links"))));
    }

    [Fact]
    public async Task Adele_not_in_the_group_pressing_Execute_is_told_she_is_not_in_the_group()
    {
        var adele = TeamsUser.Adele;
        var revision = Revision(await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001"), "claim");

        // The task waits, unassigned: the reason is the group, not a missing assignment.
        var execute = await bot.ClickForCardAsync(adele, "form", new JObject { ["release"] = "REL-1001", ["revision"] = revision });
        Assert.Contains(NotInTheGroup, Text(execute));
        Assert.DoesNotContain("Confirm the assignment", Text(execute));
        var save = await bot.ClickForCardAsync(adele, "save", new JObject { ["release"] = "REL-1001", ["revision"] = revision, ["situation"] = "EmExecucao" });
        Assert.Contains(NotInTheGroup, Text(save));

        // Held by Alex: still the group first (Adele can do nothing about who holds it).
        var claimed = await bot.ClickForCardAsync(TeamsUser.Alex, "claim", new JObject { ["release"] = "REL-1001", ["revision"] = revision });
        var alexsCard = await bot.ClickForCardAsync(TeamsUser.Alex, "details", ActionData(claimed, "flow"));
        var held = await bot.ClickForCardAsync(adele, "form", ActionData(alexsCard, "form"));
        Assert.Contains(NotInTheGroup, Text(held));
        Assert.DoesNotContain("already assigned", Text(held));
    }

    private async Task<int> RevisionAsync()
    {
        await using var db = bot.Database.NewDb();
        return await db.Releases.Where(r => r.Key == "REL-1001").Select(r => r.Revision).SingleAsync();
    }
}
