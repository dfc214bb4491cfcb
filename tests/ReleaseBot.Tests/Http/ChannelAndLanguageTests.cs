using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Http;

/// <summary>Channels with an @mention, group chats and personal chats, in English and Portuguese.</summary>
public sealed class ChannelAndLanguageTests : IAsyncLifetime
{
    private readonly BotApp bot = new();

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task In_a_channel_the_mention_is_removed_and_the_answer_goes_to_the_thread()
    {
        var channel = TeamsPlace.Channel();
        var list = await bot.SayForCardAsync(TeamsUser.Megan, "buscar pagamentos", "pt-BR", channel);
        Assert.Contains("Liberações com \"pagamentos\"", Text(list));
        Assert.Contains("Nenhuma liberação encontrada", Text(list));

        var found = await bot.SayForCardAsync(TeamsUser.Megan, "find Payments", "en-GB", channel);
        Assert.Contains("REL-1001", Text(found));
        Assert.Contains("Approved · Execution · Waiting for Release Engineers · Priority 2", Text(found));
    }

    [Fact]
    public async Task In_a_channel_each_click_is_answered_for_the_person_who_clicked()
    {
        var channel = TeamsPlace.Channel();
        var confirm = await bot.SayForCardAsync(TeamsUser.Megan, "open REL-1001", "en-US", channel);
        var claimed = await bot.ClickForCardAsync(TeamsUser.Megan, "claim", ActionData(confirm, "claim"), "pt-BR", channel);
        Assert.Contains("A tarefa Execução de REL-1001 agora está atribuída a você.", Text(claimed));

        // Alex clicks the same card in the channel a moment later: it is out of date, and he is told who holds the task.
        var late = await bot.ClickForCardAsync(TeamsUser.Alex, "claim", ActionData(confirm, "claim"), "en-US", channel);
        Assert.Contains("This card was out of date", Text(late));
        Assert.Contains("The task Execution is assigned to Megan Bowen.", Text(late));
        Assert.Empty(bot.Connector.Drain()); // card actions are answered in the invoke response, not with extra posts
    }

    [Fact]
    public async Task Help_lists_the_commands_in_the_users_language()
    {
        var english = await bot.SayForCardAsync(TeamsUser.Alex, "help");
        Assert.Contains("find [text]", Text(english));
        Assert.Contains("open REL-1001", Text(english));
        var portuguese = await bot.SayForCardAsync(TeamsUser.Alex, "AJUDA", "pt-BR");
        Assert.Contains("buscar [texto]", Text(portuguese));
        Assert.Contains("registro REL-1001", Text(portuguese));
        Assert.Contains("Esta ajuda", Text(portuguese));
    }

    [Fact]
    public async Task Mine_lists_what_waits_for_the_user_and_pages_long_lists()
    {
        var mine = await bot.SayForCardAsync(TeamsUser.Alex, "minhas", "pt-BR");
        Assert.Contains("Minhas liberações", Text(mine));
        Assert.Contains("REL-1001", Text(mine));
        Assert.DoesNotContain("REL-1010", Text(mine)); // waits for Database Engineers

        var all = await bot.SayForCardAsync(TeamsUser.Alex, "find");
        Assert.Equal(6, Choices(all, "release").Count);
        Assert.Contains("Page 1 of 2", Text(all));
        var next = await bot.ClickForCardAsync(TeamsUser.Alex, "find", ActionData(all, "find"));
        Assert.Equal(6, Choices(next, "release").Count);
        Assert.Contains("Page 2 of 2", Text(next));
        Assert.Empty(Choices(all, "release").Select(c => c.Value).Intersect(Choices(next, "release").Select(c => c.Value)));
    }

    [Fact]
    public async Task A_release_bare_key_opens_it()
    {
        var card = await bot.SayForCardAsync(TeamsUser.Megan, "rel-1002");
        Assert.Contains("REL-1002 · Order worker 1.18.3", Text(card));
        Assert.True(HasAction(card, "form"));
    }
}
