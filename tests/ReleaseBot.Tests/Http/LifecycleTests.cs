using Newtonsoft.Json.Linq;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Http;

/// <summary>A release's other actions from Teams ("More…"): notes, hand-overs, suspensions, cancellations and reopenings.</summary>
public sealed class LifecycleTests : IAsyncLifetime
{
    private readonly BotApp bot = new();

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    private static IReadOnlyList<string> Buttons(JObject card) => [.. Actions(card).Select(a => (string)a["verb"]!)];

    [Fact]
    public async Task A_release_manager_suspends_resumes_and_reassigns_and_the_new_assignee_hears_of_it_in_English()
    {
        await bot.SayAsync(TeamsUser.Alex, "help"); // Alex has a personal chat with the bot
        var lynne = TeamsUser.Lynne;
        var release = await bot.SayForCardAsync(lynne, "open REL-1001");
        var more = await bot.ClickForCardAsync(lynne, "manage", ActionData(release, "manage"));
        Assert.Contains("REL-1001 · Payments API 2.4.0: more actions", Text(more));
        Assert.Equal(["note", "handOver", "suspend", "cancelRelease", "details"], Buttons(more));
        Assert.Contains(("Alex Wilber", "00000000-0000-0000-0000-0000000000020"), Choices(more, "member"));
        Assert.Null(Input(more, "step"));

        var noReason = await bot.ClickForCardAsync(lynne, "suspend", Submit(more, "suspend", ("reason", "   ")));
        Assert.Contains("Write the reason, in at most 1000 characters. Nothing was changed.", Text(noReason));
        Assert.Equal(Revision(more, "suspend"), Revision(noReason, "suspend"));

        var suspended = await bot.ClickForCardAsync(lynne, "suspend", Submit(noReason, "suspend", ("reason", "Waiting for the database patch")));
        Assert.Contains("REL-1001 is suspended: its task waits until it is resumed.", Text(suspended));
        Assert.Contains("Suspended", Text(suspended));

        var alexSees = await bot.SayForCardAsync(TeamsUser.Alex, "open REL-1001");
        Assert.False(HasAction(alexSees, "claim"), "a suspended release offers no claim");
        var log = await bot.SayForCardAsync(TeamsUser.Alex, "log REL-1001");
        Assert.Contains("Suspended the release: Waiting for the database patch", Text(log));

        var stale = await bot.ClickForCardAsync(lynne, "suspend", Submit(more, "suspend", ("reason", "Again")));
        Assert.Contains("This card was out of date", Text(stale));

        more = await bot.ClickForCardAsync(lynne, "manage", ActionData(suspended, "manage"));
        Assert.Equal(["note", "resume", "cancelRelease", "details"], Buttons(more));
        var resumed = await bot.ClickForCardAsync(lynne, "resume", ActionData(more, "resume"));
        Assert.Contains("REL-1001 is resumed, at the task Execution.", Text(resumed));

        more = await bot.ClickForCardAsync(lynne, "manage", ActionData(resumed, "manage"));
        var before = bot.Connector.Calls.Count;
        var handedOver = await bot.ClickForCardAsync(lynne, "handOver", Submit(more, "handOver", ("member", "00000000-0000-0000-0000-0000000000020")));
        Assert.Contains("The task Execution of REL-1001 is now assigned to Alex Wilber.", Text(handedOver));
        var calls = await bot.Connector.WaitForAsync(c => c.Skip(before).Any(x => x.ConversationId == $"a:personal-{TeamsUser.Alex.Id}"));
        var personal = calls.Skip(before).Single(x => x.ConversationId == $"a:personal-{TeamsUser.Alex.Id}");
        Assert.Contains("Lynne Robbins: Handed the task Execution over to Alex Wilber", Text(personal.Body.SelectToken("attachments[0].content")!));
        Assert.True(HasAction(personal.Body.SelectToken("attachments[0].content")!, "form"), "Alex may execute from the message");
    }

    [Fact]
    public async Task Anyone_adds_a_note_and_the_holder_hands_the_task_over_or_gives_it_back_in_Portuguese()
    {
        var alex = TeamsUser.Alex;
        var confirm = await bot.SayForCardAsync(alex, "abrir REL-1001", "pt-BR");
        await bot.ClickForCardAsync(alex, "claim", ActionData(confirm, "claim"), "pt-BR");
        var release = await bot.ClickForCardAsync(alex, "details", new JObject { ["release"] = "REL-1001" }, "pt-BR");

        var more = await bot.ClickForCardAsync(alex, "manage", ActionData(release, "manage"), "pt-BR");
        Assert.Equal(["note", "handOver", "details"], Buttons(more));
        Assert.Equal(["De volta ao grupo, sem responsável", "Megan Bowen"], Choices(more, "member").Select(c => c.Title));

        var noted = await bot.ClickForCardAsync(alex, "note", Submit(more, "note", ("reason", "Janela confirmada com o **DBA**")), "pt-BR");
        Assert.Contains("Anotação adicionada ao registro de execução de REL-1001.", Text(noted));
        var log = await bot.SayForCardAsync(alex, "registro REL-1001", "pt-BR");
        Assert.Contains(@"Adicionou uma anotação: Janela confirmada com o \*\*DBA\*\*", Text(log));

        more = await bot.ClickForCardAsync(alex, "manage", ActionData(noted, "manage"), "pt-BR");
        var unchosen = await bot.ClickForCardAsync(alex, "handOver", ActionData(more, "handOver"), "pt-BR");
        Assert.Contains("Escolha para quem repassar a tarefa. Nada foi alterado.", Text(unchosen));
        var handedOver = await bot.ClickForCardAsync(alex, "handOver", Submit(unchosen, "handOver", ("member", TeamsUser.Megan.AadObjectId)), "pt-BR");
        Assert.Contains("A tarefa Execução de REL-1001 agora está atribuída a Megan Bowen.", Text(handedOver));
        Assert.False(HasAction(handedOver, "form"), "Alex no longer holds the task");

        var megan = TeamsUser.Megan;
        var hers = await bot.ClickForCardAsync(megan, "manage", new JObject { ["release"] = "REL-1001", ["revision"] = Revision(handedOver, "manage") }, "pt-BR");
        var givenBack = await bot.ClickForCardAsync(megan, "handOver", Submit(hers, "handOver", ("member", "group")), "pt-BR");
        Assert.Contains("A tarefa Execução de REL-1001 voltou a aguardar seu grupo.", Text(givenBack));
        Assert.True(HasAction(await bot.SayForCardAsync(alex, "abrir REL-1001", "pt-BR"), "claim"));
    }

    [Fact]
    public async Task A_release_manager_cancels_and_reopens_a_release_into_a_chosen_step_and_others_may_not()
    {
        var alex = TeamsUser.Alex; // neither a manager nor REL-1002's requester
        var release = await bot.SayForCardAsync(alex, "abrir REL-1002", "pt-BR");
        var forbidden = await bot.ClickForCardAsync(alex, "cancelRelease",
            new JObject { ["release"] = "REL-1002", ["revision"] = Revision(release, "manage"), ["reason"] = "Não quero" }, "pt-BR");
        Assert.Contains("Somente gerentes de liberação podem fazer isso em REL-1002. Nada foi alterado.", Text(forbidden));

        var lynne = TeamsUser.Lynne;
        var more = await bot.ClickForCardAsync(lynne, "manage", ActionData(release, "manage"), "pt-BR");
        var cancelled = await bot.ClickForCardAsync(lynne, "cancelRelease", Submit(more, "cancelRelease", ("reason", "Substituída pela 2.5")), "pt-BR");
        Assert.Contains("REL-1002 foi cancelada.", Text(cancelled));
        Assert.Contains("Cancelada", Text(cancelled));

        more = await bot.ClickForCardAsync(lynne, "manage", ActionData(cancelled, "manage"), "pt-BR");
        Assert.Equal(["note", "reopen", "details"], Buttons(more));
        var unchosen = await bot.ClickForCardAsync(lynne, "reopen", Submit(more, "reopen", ("reason", "Rollback")), "pt-BR");
        Assert.Contains("Escolha a etapa em que reabrir a liberação. Nada foi alterado.", Text(unchosen));
        var step = Choices(unchosen, "step").Single(c => c.Title == "Execução").Value;
        var reopened = await bot.ClickForCardAsync(lynne, "reopen", Submit(unchosen, "reopen", ("step", step), ("reason", "Rollback da 2.5")), "pt-BR");
        Assert.Contains("REL-1002 foi reaberta na tarefa Execução.", Text(reopened));

        var log = await bot.SayForCardAsync(lynne, "registro REL-1002", "pt-BR");
        Assert.Contains("Reabriu a liberação em Execução: Rollback da 2.5", Text(log));
        Assert.Contains("Cancelou a liberação: Substituída pela 2.5", Text(log));
    }
}
