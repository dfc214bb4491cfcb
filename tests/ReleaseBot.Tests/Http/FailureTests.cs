using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Newtonsoft.Json.Linq;

namespace ReleaseBot.Tests.Http;

/// <summary>When something breaks inside a turn, the person is told in their language that nothing changed; never a 500.</summary>
public sealed class FailureTests : IAsyncLifetime
{
    private readonly Mock<IBot> failingBot = new();
    private readonly BotApp bot;

    public FailureTests()
    {
        failingBot.Setup(b => b.OnTurnAsync(It.IsAny<ITurnContext>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("the database is gone"));
        bot = new BotApp(services => services.AddTransient(_ => failingBot.Object));
    }

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task A_failing_message_turn_answers_with_an_apology_in_the_users_language()
    {
        var reply = Assert.Single(await bot.SayAsync(TeamsUser.Alex, "open REL-1001", "pt-BR"));
        Assert.Equal("Desculpe, algo deu errado do meu lado. Nada foi alterado; tente novamente.", (string?)reply["text"]);
        failingBot.Verify(b => b.OnTurnAsync(It.Is<ITurnContext>(t => t.Activity.Text == "open REL-1001"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_failing_card_action_still_gets_a_well_formed_invoke_response()
    {
        var body = await bot.ClickAsync(TeamsUser.Alex, "claim", new JObject { ["release"] = "REL-1001", ["revision"] = 1 });
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)body["type"]);
        Assert.Equal("Sorry, something went wrong on my side. Nothing was changed; please try again.", (string?)body["value"]);
    }
}
