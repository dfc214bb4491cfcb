using System.Net;
using Newtonsoft.Json.Linq;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Http;

/// <summary>
/// The message extension as Teams drives it: a search from the compose box (<c>composeExtension/query</c>) and a pasted
/// release link (<c>composeExtension/queryLink</c>), answered with previews and the release card that goes in the chat.
/// </summary>
public sealed class MessageExtensionTests : IAsyncLifetime
{
    private const string PublicUrl = "https://releasebot.example.com";
    private readonly BotApp bot = new(settings: new Dictionary<string, string?> { ["Bot:PublicUrl"] = PublicUrl });

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task Opening_the_search_lists_the_releases_that_mine_lists_with_previews_and_cards_that_refresh_for_the_searcher()
    {
        var mine = KeysOfList(await bot.SayForCardAsync(TeamsUser.Alex, "mine"));
        Assert.NotEmpty(mine);

        var result = await QueryAsync(TeamsUser.Alex, text: null);
        Assert.Equal("result", (string?)result["type"]);
        Assert.Equal("list", (string?)result["attachmentLayout"]);
        var attachments = ((JArray)result["attachments"]!).Cast<JObject>().ToList();
        Assert.Equal(mine, attachments.Select(KeyOf).Take(mine.Count));

        var first = attachments[0];
        Assert.Equal("application/vnd.microsoft.card.thumbnail", (string?)first["preview"]!["contentType"]);
        Assert.StartsWith($"{mine[0]} · ", (string?)first["preview"]!["content"]!["title"]);
        Assert.Matches("^(Registered|Approved|In execution|Executed) · Current task: ", (string?)first["preview"]!["content"]!["text"]);

        var card = (JObject)first["content"]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)first["contentType"]);
        Assert.Equal("refresh", (string?)card["refresh"]!["action"]!["verb"]);
        Assert.Equal(mine[0], (string?)card["refresh"]!["action"]!["data"]!["release"]);
        Assert.Equal(TeamsUser.Alex.Id, (string?)card["refresh"]!["userIds"]![0]);
        Assert.Equal(["log", "flow", "manage"], card["actions"]!.Select(a => (string)a["verb"]!));

        // The refresh Teams sends for Alex gives Alex's own view, with what Alex may do.
        var own = await bot.ClickForCardAsync(TeamsUser.Alex, "refresh", (JObject)card["refresh"]!["action"]!["data"]!);
        Assert.True(HasAction(own, "open") || HasAction(own, "form"), "Alex may claim or execute what waits for Alex");
    }

    [Fact]
    public async Task Text_finds_what_find_finds_in_Portuguese_with_Portuguese_previews()
    {
        var found = KeysOfList(await bot.SayForCardAsync(TeamsUser.Alex, "buscar payments", "pt-BR"));
        Assert.NotEmpty(found);

        var result = await QueryAsync(TeamsUser.Alex, "payments", locale: "pt-BR");
        var attachments = ((JArray)result["attachments"]!).Cast<JObject>().ToList();
        Assert.Equal(found, attachments.Select(KeyOf).Take(found.Count));
        Assert.All(attachments, a => Assert.Contains("payments", Text(a["content"]!), StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Tarefa atual: ", (string?)attachments[0]["preview"]!["content"]!["text"]);
        Assert.Contains("Situação", Text(attachments[0]["content"]!));
    }

    [Fact]
    public async Task Pages_follow_skip_and_count_without_gaps_or_repeats()
    {
        var all = (await QueryAsync(TeamsUser.Alex, "rel", count: 25))["attachments"]!.Cast<JObject>().Select(KeyOf).ToList();
        Assert.True(all.Count >= 4, $"the demo has releases enough to page: {all.Count}");

        var first = (await QueryAsync(TeamsUser.Alex, "rel", skip: 0, count: 2))["attachments"]!.Cast<JObject>().Select(KeyOf).ToList();
        var second = (await QueryAsync(TeamsUser.Alex, "rel", skip: 2, count: 2))["attachments"]!.Cast<JObject>().Select(KeyOf).ToList();
        var four = (await QueryAsync(TeamsUser.Alex, "rel", skip: 0, count: 4))["attachments"]!.Cast<JObject>().Select(KeyOf).ToList();
        Assert.Equal(2, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Equal(four, first.Concat(second));

        var past = await QueryAsync(TeamsUser.Alex, "rel", skip: 10_000, count: 25);
        Assert.Empty((JArray)past["attachments"]!);
    }

    [Fact]
    public async Task A_search_that_matches_nothing_answers_no_results()
    {
        var result = await QueryAsync(TeamsUser.Adele, "no release is called this");
        Assert.Equal("result", (string?)result["type"]);
        Assert.Empty((JArray)result["attachments"]!);
    }

    [Fact]
    public async Task An_unknown_command_is_answered_with_a_message_in_the_users_language()
    {
        var response = await bot.PostAsync(TeamsActivities.ComposeQuery(bot.Connector.ServiceUrl, TeamsUser.Alex, TeamsPlace.Personal(TeamsUser.Alex),
            "x", 0, 25, "pt-BR", commandId: "somethingElse").ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JObject.Parse(await response.Content.ReadAsStringAsync())["composeExtension"]!;
        Assert.Equal("message", (string?)result["type"]);
        Assert.Contains("Não consegui ler essa ação", (string?)result["text"]);
    }

    [Theory]
    [InlineData("https://releasebot.example.com/releases/REL-1001", "en-US", "REL-1001", "Status")]
    [InlineData("https://RELEASEBOT.example.com/releases/rel-1002/", "pt-BR", "REL-1002", "Situação")]
    public async Task A_pasted_release_link_unfurls_into_its_card(string url, string locale, string key, string statusLabel)
    {
        var result = await QueryLinkAsync(url, locale);
        var attachment = (JObject)Assert.Single((JArray)result["attachments"]!);
        Assert.Equal(key, KeyOf(attachment));
        Assert.StartsWith($"{key} · ", (string?)attachment["preview"]!["content"]!["title"]);
        var card = (JObject)attachment["content"]!;
        Assert.Contains(statusLabel, Text(card));
        Assert.Equal(TeamsUser.Megan.Id, (string?)card["refresh"]!["userIds"]![0]);
    }

    [Theory]
    [InlineData("https://releasebot.example.com/releases/REL-9999")]
    [InlineData("https://releasebot.example.com/releases/payments")]
    [InlineData("https://releasebot.example.com/other/REL-1001")]
    [InlineData("https://elsewhere.example.com/releases/REL-1001")]
    [InlineData("http://releasebot.example.com:8080/releases/REL-1001")]
    [InlineData("not a link")]
    public async Task Other_links_are_left_as_they_are(string url)
    {
        var result = await QueryLinkAsync(url, "en-US");
        Assert.Equal("result", (string?)result["type"]);
        Assert.Empty((JArray)result["attachments"]!);
    }

    [Fact]
    public async Task A_card_put_in_the_bots_chat_from_the_compose_box_gets_no_answer_but_words_with_it_do()
    {
        var card = (JObject)(await QueryAsync(TeamsUser.Alex, "REL-1001"))["attachments"]![0]!["content"]!;
        var shared = TeamsActivities.Message(bot.Connector.ServiceUrl, TeamsUser.Alex, TeamsPlace.Personal(TeamsUser.Alex),
            "<span class=\"inline-compose-card\" itemid=\"0\" itemtype=\"http://schema.skype.com/InputExtension\"></span>", "en-US");
        shared["attachments"] = new JArray(new JObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = card });
        bot.Connector.Drain();
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(shared.ToString())).StatusCode);
        Assert.Empty(bot.Connector.Drain());

        shared["id"] = Guid.NewGuid().ToString("N");
        shared["text"] = "help";
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(shared.ToString())).StatusCode);
        Assert.Single(bot.Connector.Drain());
    }

    private async Task<JObject> QueryAsync(TeamsUser user, string? text, int skip = 0, int count = 25, string locale = "en-US")
    {
        var response = await bot.PostAsync(TeamsActivities.ComposeQuery(bot.Connector.ServiceUrl, user, TeamsPlace.Channel(), text, skip, count, locale).ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JObject)JObject.Parse(await response.Content.ReadAsStringAsync())["composeExtension"]!;
    }

    private async Task<JObject> QueryLinkAsync(string url, string locale)
    {
        var response = await bot.PostAsync(TeamsActivities.QueryLink(bot.Connector.ServiceUrl, TeamsUser.Megan, TeamsPlace.Channel(), url, locale).ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JObject)JObject.Parse(await response.Content.ReadAsStringAsync())["composeExtension"]!;
    }

    private static string KeyOf(JObject attachment) => (string)attachment["content"]!["refresh"]!["action"]!["data"]!["release"]!;

    private static List<string> KeysOfList(JObject listCard) => Choices(listCard, "release").Select(c => c.Value).ToList();
}
