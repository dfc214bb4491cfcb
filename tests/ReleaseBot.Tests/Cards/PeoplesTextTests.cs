using ReleaseBot.Cards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using ReleaseBot.Domain;
using ReleaseBot.Features;
using ReleaseBot.Localization;
using ReleaseBot.Notifications;
using ReleaseBot.Persistence;
using ReleaseBot.Tests.Persistence;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Cards;

/// <summary>
/// Whatever people wrote (names, titles, the execution information, roles, catalog items, the desk's names, what they
/// typed and is echoed back) is shown as they wrote it: Teams renders markdown in a TextBlock, a fact and a message,
/// so a link typed into a name must not become a link that looks like the bot's own. Inputs keep the raw text.
/// </summary>
public sealed class PeoplesTextTests : IAsyncLifetime
{
    /// <summary>A heading, emphasis and a link: what someone could type anywhere.</summary>
    private const string Markdown = "# title **bold** [click](https://evil.example)";

    /// <summary><see cref="Markdown"/> as the card data carries it: every markdown character escaped, so that it renders as typed.</summary>
    private const string Escaped = @"\# title \*\*bold\*\* \[click\]\(https:" + "\u200B" + @"//evil.example\)";

    private static readonly Routes Routes = Routes.OfAllFeatures();
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var release = await db.Releases.SingleAsync(r => r.Key == "REL-1001");
        db.Entry(release).Property(r => r.Title).CurrentValue = $"title: {Markdown}";
        db.Entry(release).Property(r => r.Description).CurrentValue = $"description: {Markdown}";
        db.Entry(release).Property(r => r.Version).CurrentValue = $"version: {Markdown}";
        db.Entry(release).Property(r => r.Type).CurrentValue = $"type: {Markdown}";
        db.Entry(release).Property(r => r.RequesterName).CurrentValue = $"requester: {Markdown}";
        (await db.Groups.SingleAsync(g => g.Name == "Release Engineers")).Name = $"group: {Markdown}";
        foreach (var step in await db.Set<FlowStep>().Where(s => s.Key == "execucao").ToListAsync())
            step.Name = new LocalizedText($"step: {Markdown}", $"step: {Markdown}");
        var category = await db.SolutionCategories.SingleAsync(c => c.ParentId == null && c.Id == db.SolutionCategories.Min(k => k.Id));
        category.Name = new LocalizedText($"category: {Markdown}", $"category: {Markdown}");
        var media = await db.Catalog.SingleAsync(i => i.Code == "DML-4001");
        media.Title = $"item: {Markdown}";
        media.Location = $"location: {Markdown}";
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    /// <summary>What the card shows as markdown: its text blocks and its facts.</summary>
    private static List<string> MarkdownTexts(JToken card) =>
        card.SelectTokens("$..[?(@.type == 'TextBlock')].text").Concat(card.SelectTokens("$..facts[*].title")).Concat(card.SelectTokens("$..facts[*].value"))
            .Select(t => (string)t!).ToList();

    /// <summary>The card shows the text of each of the <paramref name="places"/> escaped, and nowhere the markdown unescaped.</summary>
    private static void AssertShownAsText(JToken card, params string[] places)
    {
        var texts = MarkdownTexts(card);
        foreach (var place in places)
            Assert.True(texts.Any(t => t.Contains($"{place}: {Escaped}", StringComparison.Ordinal)), $"'{place}' is not shown as text:\n{string.Join("\n", texts)}");
        Assert.DoesNotContain(texts, t => t.Contains("[click](", StringComparison.Ordinal) || t.Contains("**bold**", StringComparison.Ordinal));
    }

    private static void AssertTextEscaped(Reply reply, string expected)
    {
        Assert.Null(reply.Card);
        Assert.Equal(expected, reply.Text);
    }

    [Fact]
    public async Task Every_card_of_an_execution_shows_peoples_text_as_text_and_its_inputs_keep_it_raw()
    {
        var turn = await TurnAsync($"name: {Markdown}");

        var list = await CardAsync(Routes.OnTextAsync(turn, "find"));
        AssertShownAsText(list, "title", "group");
        Assert.Contains(Choices(list, InputIds.Release), c => c.Title == $"REL-1001 · title: {Markdown}"); // a choice is plain text

        var confirm = await CardAsync(Routes.OnTextAsync(turn, "open REL-1001"));
        AssertShownAsText(confirm, "title", "version", "type", "requester", "group", "step");

        var form = await ClickAsync(turn, confirm, "claim");
        AssertShownAsText(form, "title", "step", "name");
        var category = Choices(form, InputIds.Category).Single(c => c.Title == $"category: {Markdown}").Value;

        form = await ClickAsync(turn, form, "save", (InputIds.Situation, "Resolvida"), (InputIds.Category, category),
            (InputIds.Information, $"info: {Markdown}"), (InputIds.ReleaseDate, "2026-11-25"));
        Assert.Equal($"info: {Markdown}", InputValue(form, InputIds.Information)); // the input keeps what was typed

        var details = await ClickAsync(turn, form, "details");
        AssertShownAsText(details, "title", "description", "name", "step", "category", "info");

        var links = await ClickAsync(turn, form, "links");
        links = await ClickAsync(turn, links, "links", (InputIds.SearchKind, "DefinitiveMedia"), (InputIds.SearchText, "DML-4001"));
        var item = Choices(links, InputIds.ItemId).Single();
        Assert.Equal($"DML-4001 · item: {Markdown} 2.4.0 (location: {Markdown})", item.Title);
        links = await ClickAsync(turn, links, "link", (InputIds.SearchKind, "DefinitiveMedia"), (InputIds.SearchText, "DML-4001"), (InputIds.ItemId, item.Value));
        AssertShownAsText(links, "item");
        Assert.Contains(Choices(links, InputIds.LinkId), c => c.Title == $"Definitive media · DML-4001 · item: {Markdown} 2.4.0");

        var megan = Choices(links, InputIds.RolePerson).Single(p => p.Title == "Megan Bowen").Value;
        links = await ClickAsync(turn, links, "linkRole", (InputIds.RolePerson, megan), (InputIds.RoleName, $"role: {Markdown}"));
        AssertShownAsText(links, "role", "step", "name");
        Assert.Contains(Choices(links, InputIds.LinkId), c => c.Title == $"Role/Responsibility · Megan Bowen — role: {Markdown}");

        var log = await CardAsync(Routes.OnTextAsync(turn, "log REL-1001"));
        AssertShownAsText(log, "name", "info", "role", "item", "step", "category");

        var flow = await CardAsync(Routes.OnTextAsync(turn, "flow REL-1001"));
        AssertShownAsText(flow, "step", "name");

        // Someone else sees who holds the task, as text.
        var megansView = await CardAsync(Routes.OnTextAsync(await TurnAsync("Megan Bowen", DemoData.MeganBowen), "open REL-1001"));
        AssertShownAsText(megansView, "name");
    }

    [Fact]
    public async Task A_refusal_names_people_and_groups_as_text()
    {
        var alex = await TurnAsync($"name: {Markdown}");
        var confirm = await CardAsync(Routes.OnTextAsync(alex, "open REL-1001"));
        await ClickAsync(alex, confirm, "claim");

        var megan = await TurnAsync("Megan Bowen", DemoData.MeganBowen);
        var held = await CardAsync(Routes.OnActionAsync(megan, "form", new JObject { ["release"] = "REL-1001" }));
        AssertShownAsText(held, "name", "step");
        var adele = await TurnAsync("Adele Vance", DemoData.AdeleVance);
        var outsider = await CardAsync(Routes.OnActionAsync(adele, "form", new JObject { ["release"] = "REL-1001" }));
        AssertShownAsText(outsider, "group", "step");
    }

    [Fact]
    public async Task What_a_person_typed_is_echoed_as_text_and_cut()
    {
        var turn = await TurnAsync("Alex Wilber");

        AssertTextEscaped(await Routes.OnTextAsync(turn, "open " + Markdown), $"I found no release {Escaped}. Type **find** to search.");
        AssertTextEscaped(await Routes.OnTextAsync(turn, Markdown), $"I did not understand \"{Escaped}\". Type **help** to see what I can do.");
        var found = await CardAsync(Routes.OnTextAsync(turn, "find " + Markdown));
        Assert.Contains($"Releases matching \"{Escaped}\"", MarkdownTexts(found));

        // A megabyte typed is not echoed: the answer stays short.
        var megabyte = string.Concat(Enumerable.Repeat("[click](https://evil.example) ", 1024 * 1024 / 30));
        var notFound = await Routes.OnTextAsync(turn, "open " + megabyte);
        Assert.InRange(notFound.Text!.Length, 1, 200);
        Assert.Contains(@"\[click\]\(https:" + "\u200B" + @"//evil.example\)", notFound.Text);
        Assert.EndsWith("…. Type **find** to search.", notFound.Text);
        Assert.InRange((await Routes.OnTextAsync(turn, megabyte)).Text!.Length, 1, 200);
        var longSearch = await CardAsync(Routes.OnTextAsync(turn, "find " + megabyte));
        Assert.InRange(longSearch.ToString().Length, 1, 4000);
    }

    [Fact]
    public async Task Subscription_filters_and_group_names_are_echoed_as_text()
    {
        var channel = await TurnAsync("Alex Wilber", place: "channel:19:releases@thread.tacv2");

        var unknownGroup = await Routes.OnTextAsync(channel, "subscribe group " + Markdown);
        Assert.StartsWith($"There is no group \"{Escaped}\". Groups: ", unknownGroup.Text);
        Assert.Contains($"group: {Escaped}", unknownGroup.Text);
        AssertTextEscaped(await Routes.OnTextAsync(channel, "subscribe events [click](https://evil.example)"),
            @"There is no event ""\[click\]\(https:" + "\u200B" + @"//evil.example\)"". Events: assigned, saved, advanced, resolved, notresolved, registered, suspended, resumed, cancelled, reopened, handedover, approved, rejected, reminder, overdue, note. Nothing was changed.");
        Assert.StartsWith($"There is no release type \"{Escaped}\". Types: ", (await Routes.OnTextAsync(channel, "subscribe type " + Markdown)).Text);
        Assert.Contains($"type: {Escaped}", (await Routes.OnTextAsync(channel, "subscribe type " + Markdown)).Text);
        Assert.StartsWith($"I did not understand \"{Escaped}\".", (await Routes.OnTextAsync(channel, "subscribe " + Markdown)).Text);

        // The group's name matches as typed, and the channel's subscription shows it as text.
        var subscribed = await CardAsync(Routes.OnTextAsync(channel, $"subscribe group group: {Markdown}"));
        AssertShownAsText(subscribed, "group");

        var notify = await Routes.OnTextAsync(await TurnAsync("Alex Wilber"), "notify me");
        Assert.Contains($"(group: {Escaped})", notify.Text);
    }

    private async Task<Turn> TurnAsync(string name, string aadObjectId = DemoData.AlexWilber, string? place = null)
    {
        var (desk, db) = database.NewDesk();
        var actor = await desk.ActorAsync(aadObjectId, name);
        var services = new ServiceCollection().AddSingleton(new NotificationChoices(db, database.Clock))
            .AddSingleton(new ReleaseBot.Cards.ReleaseLinks(Microsoft.Extensions.Options.Options.Create(new ReleaseBot.Cards.ReleaseLinkOptions()), database.Clock)).BuildServiceProvider();
        return new Turn(Texts.For(Language.English), actor, desk, ReleaseBot.Cards.CardLibrary.FromAppFolder(), database.Clock, services, CancellationToken.None, place: place);
    }

    /// <summary>Clicks the button <paramref name="verb"/> of the card, with these inputs sent by the ids the card gave them.</summary>
    private static Task<JObject> ClickAsync(Turn turn, JObject card, string verb, params (string Name, string Value)[] inputs) =>
        CardAsync(Routes.OnActionAsync(turn, verb, verb == "details" ? new JObject { ["release"] = ActionData(card, "log")["release"] } : Submit(card, verb, inputs)));

    private static async Task<JObject> CardAsync(Task<Reply> reply) =>
        (await reply).Card is { } card ? Support.CardReader.Parse(card) : throw new Xunit.Sdk.XunitException($"Expected a card, got the text: {(await reply).Text}");
}
