using Newtonsoft.Json.Linq;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Http;

/// <summary>The whole of "Executar uma liberação" from Teams, over HTTP: REL-1001 from open to advanced.</summary>
public sealed class WalkThroughTests : IAsyncLifetime
{
    private readonly BotApp bot = new();

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task An_engineer_executes_REL_1001_from_open_to_advanced_in_English()
    {
        var alex = TeamsUser.Alex;

        // Find it.
        var list = await bot.SayForCardAsync(alex, "find payments");
        Assert.Contains("REL-1001", Text(list));
        Assert.Equal("REL-1001", InputValue(list, "release"));

        // Open it: the current task waits for Alex's group, so he is asked to confirm the assignment.
        var confirm = await bot.ClickForCardAsync(alex, "open", Submit(list, "open", ("release", InputValue(list, "release")!)));
        Assert.Contains("Assign task Execution of REL-1001 to you?", Text(confirm));
        var claimed = await bot.ClickForCardAsync(alex, "claim", ActionData(confirm, "claim"));
        Assert.Contains("is now assigned to you", Text(claimed));
        Assert.Contains("Assignee: Alex Wilber", Text(claimed));

        // Advancing as resolved without a category is answered on the same card, keeping what was typed.
        var invalid = await bot.ClickForCardAsync(alex, "advance", Form(claimed, "advance", "Resolvida", "", "Deployed to all nodes.", "2026-11-25"));
        Assert.Contains("Nothing was saved", Text(invalid));
        Assert.Contains("Solution category: required", Text(invalid));
        Assert.Equal("Deployed to all nodes.", InputValue(invalid, "information"));
        Assert.Equal(Revision(claimed, "save"), Revision(invalid, "save"));

        // Save and keep the current task.
        var category = Choices(invalid, "category").Single(c => c.Title == "Deployed successfully").Value;
        var saved = await bot.ClickForCardAsync(alex, "save", Form(invalid, "save", "Resolvida", category, "Deployed to all nodes.", "2026-11-25"));
        Assert.Contains("Saved. The task Execution stays current and assigned to you.", Text(saved));
        Assert.Equal("Resolvida", InputValue(saved, "situation"));

        // Link one item of each kind.
        var links = await bot.ClickForCardAsync(alex, "links", ActionData(saved, "links"));
        links = await LinkFirstResultAsync(links, "Problem", "PRB-2001");
        links = await LinkFirstResultAsync(links, "Knowledge", "KB-3002");
        links = await LinkFirstResultAsync(links, "DefinitiveMedia", "DML-4001");
        var megan = Choices(links, "rolePerson").Single(p => p.Title == "Megan Bowen").Value;
        links = await bot.ClickForCardAsync(alex, "linkRole", Submit(links, "linkRole", ("rolePerson", megan), ("roleName", "Deployment lead")));
        Assert.Contains("Megan Bowen — Deployment lead", Text(links));
        Assert.Equal(4, Choices(links, "linkId").Count);

        // The execution log tells the story, newest first.
        var log = await bot.ClickForCardAsync(alex, "log", ActionData(links, "form") is var d ? new JObject { ["release"] = d["release"], ["page"] = 1 } : null!);
        var logText = Text(log);
        Assert.Contains("Linked Megan Bowen — Deployment lead", logText);
        Assert.Contains("Saved the execution of Execution: Resolved · Deployed successfully", logText);
        Assert.True(logText.IndexOf("Linked Megan", StringComparison.Ordinal) < logText.IndexOf("Saved the execution", StringComparison.Ordinal));

        // Save and advance the flow: the release moves on to the Test task.
        var form = await bot.ClickForCardAsync(alex, "form", ActionData(links, "form"));
        var advanced = await bot.ClickForCardAsync(alex, "advance", Form(form, "advance", "Resolvida", category, "Deployed to all nodes.", "2026-11-25"));
        Assert.Contains("Saved and advanced: REL-1001 is now at the task Test.", Text(advanced));
        Assert.Contains("Resolved", Text(advanced));
        Assert.False(HasAction(advanced, "form"));

        // The flow shows Execution done by Alex and Test current.
        var flow = await bot.ClickForCardAsync(alex, "flow", ActionData(advanced, "flow"));
        var steps = flow.SelectTokens("$..columns[1].items[0].text").Select(t => (string)t!).ToList();
        Assert.Equal(["Registration", "Authorization", "Execution", "Test", "Acceptance", "Closure"], steps);
        Assert.Contains("by Alex Wilber", Text(flow));
        Assert.Contains("Current", Text(flow));
        Assert.Contains("Waiting for: Quality Assurance", Text(flow));
    }

    [Fact]
    public async Task Uma_engenheira_executa_uma_liberacao_em_portugues()
    {
        var megan = TeamsUser.Megan;
        const string pt = "pt-BR";

        var confirm = await bot.SayForCardAsync(megan, "abrir REL-1011", pt);
        Assert.Contains("Atribuir a tarefa Execução de REL-1011 a você?", Text(confirm));
        Assert.Equal(["Confirmar", "Cancelar"], Actions(confirm).Select(a => (string)a["title"]!));

        var form = await bot.ClickForCardAsync(megan, "claim", ActionData(confirm, "claim"), pt);
        Assert.Contains("Fechamento — REL-1011", Text(form));
        Assert.Equal(["Resolvida", "Não resolvida", "Em execução"], Choices(form, "situation").Select(c => c.Title));
        Assert.Contains("Gravar e manter a tarefa atual", Text(form));
        Assert.Contains("Gravar e avançar o fluxo", Text(form));

        var invalid = await bot.ClickForCardAsync(megan, "advance", Form(form, "advance", "NaoResolvida", "", "", ""), pt);
        Assert.Contains("Informações da execução: obrigatório para a situação escolhida.", Text(invalid));

        var saved = await bot.ClickForCardAsync(megan, "save", Form(invalid, "save", "EmExecucao", "", "Implantação iniciada.", ""), pt);
        Assert.Contains("Gravado. A tarefa Execução continua atual e atribuída a você.", Text(saved));

        var links = await bot.ClickForCardAsync(megan, "links", ActionData(saved, "links"), pt);
        Assert.Contains("Papéis/Responsabilidades", Text(links));

        var advanced = await bot.ClickForCardAsync(megan, "advance", Form(saved, "advance", "NaoResolvida", "", "Testes de fumaça falharam; revertido.", ""), pt);
        // Not resolved: the release goes back for re-execution, and says so.
        Assert.Contains("Gravado e devolvido: REL-1011 volta para a tarefa Execução para ser executada novamente.", Text(advanced));
        Assert.Contains("Não resolvida", Text(advanced));

        var log = await bot.ClickForCardAsync(megan, "log", ActionData(advanced, "log"), pt);
        Assert.Contains("Registro de Execução — REL-1011", Text(log));
        Assert.Contains("Devolveu a tarefa Execução para ser executada novamente (Não resolvida)", Text(log));
        Assert.DoesNotContain("de Execução para Execução", Text(log));
        Assert.Contains("Testes de fumaça falharam; revertido.", Text(log));

        var flow = await bot.ClickForCardAsync(megan, "flow", ActionData(advanced, "flow"), pt);
        Assert.Contains("Fluxo — REL-1011", Text(flow));
        Assert.Contains("Aguardando: Release Engineers", Text(flow));
    }

    private async Task<JObject> LinkFirstResultAsync(JObject linksCard, string kind, string code)
    {
        var found = await bot.ClickForCardAsync(TeamsUser.Alex, "links", Submit(linksCard, "links", ("searchKind", kind), ("searchText", code)));
        Assert.Equal(kind, (string?)ActionData(found, "link")["linkKind"]);
        var link = Submit(found, "link", ("itemId", Choices(found, "itemId").Single(c => c.Title.StartsWith(code)).Value), ("searchKind", kind), ("searchText", code));
        var linked = await bot.ClickForCardAsync(TeamsUser.Alex, "link", link);
        Assert.Contains($"Linked to REL-1001: ", Text(linked));
        Assert.Contains(code, Text(linked));
        Assert.DoesNotContain(Choices(linked, "itemId"), c => c.Title.StartsWith(code)); // what is linked is no longer offered
        return linked;
    }

    /// <summary>What Teams sends when a form button is clicked: the button's data merged with the card's inputs.</summary>
    private static JObject Form(JObject card, string verb, string situation, string category, string information, string releaseDate) =>
        Submit(card, verb, ("situation", situation), ("category", category), ("information", information), ("releaseDate", releaseDate));
}
