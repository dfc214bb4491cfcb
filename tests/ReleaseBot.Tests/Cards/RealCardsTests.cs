using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ReleaseBot.Cards;
using ReleaseBot.Persistence;
using Microsoft.Extensions.DependencyInjection;
using ReleaseBot.Features;
using ReleaseBot.Notifications;
using ReleaseBot.Domain;
using ReleaseBot.Localization;
using ReleaseBot.Tests.Persistence;
using static ReleaseBot.Tests.Support.CardReader;

namespace ReleaseBot.Tests.Cards;

/// <summary>
/// Every card the bot shows during a whole execution, in both languages, checked with the official tools:
/// the official templating engine gives the same card as our binder, and the official renderer parses it
/// with no error or unknown element; each card stays under Teams' 28 KB.
/// </summary>
public sealed class RealCardsTests : IAsyncLifetime
{
    private const int MaxCardBytes = 28 * 1024;
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await database.DisposeAsync();

    private sealed class RecordingLibrary() : CardLibrary(Path.Combine(AppContext.BaseDirectory, "cards"))
    {
        public List<CardCase> Cases { get; } = [];

        public override Card Bind(string name, object data, Notice? notice = null, Action<System.Text.Json.Utf8JsonWriter>? more = null)
        {
            // Each template checked alone: the card without its notice, and notice.json as a card of its own.
            Record(name, data);
            if (notice is not null) Record(NoticeTemplate, notice.ToData());
            return base.Bind(name, data, notice, more);
        }

        private void Record(string name, object data) =>
            Cases.Add(new CardCase($"{name} #{Cases.Count}", Parse(TemplateJson(name)), Parse(DataJson(data)), Parse(base.Bind(name, data))));
    }

    [Fact]
    public async Task Every_card_of_an_execution_matches_the_official_tools_in_both_languages()
    {
        var library = new RecordingLibrary();
        var cards = library;
        await WalkAsync(cards, Language.English, "REL-1001", DemoData.AlexWilber, "Alex Wilber");
        await WalkAsync(cards, Language.PortugueseBrazil, "REL-1011", DemoData.MeganBowen, "Megan Bowen");

        var templates = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "cards"), "*.json").Select(Path.GetFileNameWithoutExtension);
        Assert.Equal(templates.Order(), library.Cases.Select(c => c.Name.Split(' ')[0]).Distinct().Order());

        var results = OfficialCardTools.Check(library.Cases);
        Assert.All(library.Cases.Zip(results), pair =>
        {
            var (card, official) = pair;
            Assert.True(JToken.DeepEquals(official.Official, card.Bound), $"{card.Name}: the binder differs from the official engine.\nours: {card.Bound}\nofficial: {official.Official}");
            Assert.True(official.Errors.Count == 0, $"{card.Name}: {string.Join("; ", official.Errors)}");
            Assert.DoesNotContain("${", card.Bound.ToString().Replace("${notATemplate}", "")); // user text is never evaluated
            Assert.InRange(Encoding.UTF8.GetByteCount(card.Bound.ToString(Formatting.None)), 1, MaxCardBytes);
        });
    }

    [Fact]
    public async Task A_long_execution_log_and_long_texts_still_fit_in_a_card()
    {
        var library = new RecordingLibrary();
        var turn = await TurnAsync(library, Language.PortugueseBrazil, DemoData.AlexWilber, "Alex Wilber");
        var form = await CardAsync(Routes.OnTextAsync(turn, "open REL-1001"));
        form = await ClickAsync(turn, form, "claim");
        var longText = string.Concat(Enumerable.Repeat("Implantação em todos os nós, com verificação de saúde e reversão testada. ", 55))[..ClosureForm.MaxExecutionInformation];
        for (var i = 0; i < 12; i++)
            form = await ClickAsync(turn, form, "save", new JObject { ["situation"] = "EmExecucao", ["information"] = longText });

        var log = await CardAsync(Routes.OnTextAsync(turn, "log REL-1001"));
        Assert.Contains("Página 1 de 3", Text(log)); // 6 seeded occurrences, the claim and 12 saves
        Assert.True(HasAction(log, "log"));
        Assert.All(library.Cases, c => Assert.InRange(Encoding.UTF8.GetByteCount(c.Bound.ToString(Formatting.None)), 1, MaxCardBytes));
    }

    [Fact]
    public async Task The_release_card_posted_to_channels_with_its_refresh_parses_in_the_official_renderer()
    {
        var cards = new RecordingLibrary();
        foreach (var language in new[] { Language.English, Language.PortugueseBrazil })
        {
            var turn = await TurnAsync(cards, language, DemoData.AlexWilber, "Alex Wilber");
            var release = (await turn.Desk.FindAsync("REL-1002"))!;
            var card = Parse(ReleaseCard.Shared(cards, await turn.CardContextAsync(release), release, ["29:alex", "29:megan"]));
            var result = OfficialCardTools.Check(new CardCase("channel-release " + language, card, new JObject(), card));
            Assert.Empty(result.Errors);
            Assert.Equal(["29:alex", "29:megan"], card.SelectToken("refresh.userIds")!.Values<string>());
            Assert.False(HasAction(card, "form"), "the shared card offers no one's actions");
        }
    }

    private static readonly Routes Routes = Routes.OfAllFeatures();

    /// <summary>With a public URL, so that the flow card shows its picture.</summary>
    private ReleaseLinks Links => new(Microsoft.Extensions.Options.Options.Create(new ReleaseLinkOptions
        { PublicUrl = "https://releasebot.example.com", LinkSigningKey = "a test key of the flow pictures" }), database.Clock);

    /// <summary>Every step of the walk-through, as typed and clicked, through the routes.</summary>
    private async Task WalkAsync(CardLibrary cards, string language, string key, string aadObjectId, string name)
    {
        var turn = await TurnAsync(cards, language, aadObjectId, name);
        await CardAsync(Routes.OnTextAsync(turn, "help"));
        await CardAsync(Routes.OnTextAsync(turn, "find"));
        await CardAsync(Routes.OnTextAsync(turn, "mine"));
        var confirm = await CardAsync(Routes.OnTextAsync(turn, "open " + key));
        var form = await ClickAsync(turn, confirm, "claim");
        var category = Choices(form, "category").Last().Value;
        form = await ClickAsync(turn, form, "advance", Closure("Resolvida", "", "", ""));
        form = await ClickAsync(turn, form, "save", Closure("Resolvida", category, "Deployed \"quoted\" <b>text</b> & ${notATemplate}", "2026-11-25"));
        var links = await ClickAsync(turn, form, "links", new JObject { ["searchKind"] = "DefinitiveMedia", ["searchText"] = "" });
        var itemId = Choices(links, "itemId").First().Value;
        var search = new JObject { ["searchKind"] = "DefinitiveMedia", ["searchText"] = "", ["linkKind"] = "DefinitiveMedia", ["itemId"] = itemId };
        links = await ClickAsync(turn, links, "link", search);
        search["searchKind"] = "Knowledge";
        search["searchText"] = "nothing-matches-this";
        links = await ClickAsync(turn, links, "link", search);
        await CardAsync(Routes.OnTextAsync(turn, "log " + key));
        var flow = await CardAsync(Routes.OnTextAsync(turn, "flow " + key));
        var picture = flow.SelectToken("body[?(@.type == 'Image')]")!;
        Assert.StartsWith($"https://releasebot.example.com/releases/{key}/flow.png?lang={Uri.EscapeDataString(language)}&tz=UTC&exp=", (string?)picture["url"]);
        Assert.Equal($"https://releasebot.example.com/releases/{key}", (string?)picture["selectAction"]!["url"]);
        var advanced = await ClickAsync(turn, links, "form", Closure("Resolvida", category, "Done.", "2026-11-25"), then: "advance");
        await CardAsync(Routes.OnTextAsync(turn, "flow " + key));
        var more = await ClickAsync(turn, advanced, "manage");
        await ClickAsync(turn, more, "note", new JObject { ["reason"] = "Smoke tests \"green\" <b>ok</b> & ${notATemplate}" });

        // A release manager's card of other actions: every choice and button.
        var manager = await TurnAsync(cards, language, DemoData.LynneRobbins, "Lynne Robbins");
        var managed = await ClickAsync(manager, await CardAsync(Routes.OnTextAsync(manager, "open " + key)), "manage");
        var handedOver = await ClickAsync(manager, managed, "handOver", new JObject { ["member"] = Choices(managed, "member").First().Value });
        managed = await ClickAsync(manager, handedOver, "manage");
        managed = await ClickAsync(manager, managed, "suspend", new JObject { ["reason"] = "" }); // refused: the card again, with the reason
        var suspended = await ClickAsync(manager, managed, "suspend", new JObject { ["reason"] = "Waiting for the patch" });
        managed = await ClickAsync(manager, suspended, "manage");
        var cancelled = await ClickAsync(manager, managed, "cancelRelease", new JObject { ["reason"] = "Superseded" });
        managed = await ClickAsync(manager, cancelled, "manage");
        Assert.NotEmpty(Choices(managed, "step"));
        var registration = await CardAsync(Routes.OnTextAsync(manager, language == Language.English ? "new release" : "nova liberação"));
        registration = await ClickAsync(manager, registration, "register", new JObject { ["title"] = "Payroll <b>3.0</b> ${notATemplate}", ["startDate"] = "2026-12-10" });
        await ClickAsync(manager, registration, "register", new JObject
        {
            ["title"] = "Payroll 3.0", ["type"] = "Standard", ["version"] = "3.0", ["priority"] = "2", ["startDate"] = "2026-12-10",
            ["startTime"] = "22:00", ["endDate"] = "2026-12-10", ["endTime"] = "23:00", ["group"] = "Release Engineers",
        });
        await CardAsync(Routes.OnTextAsync(turn, "open REL-1008"));

        var channel = await TurnAsync(cards, language, aadObjectId, name, "channel:19:releases@thread.tacv2");
        await CardAsync(Routes.OnTextAsync(channel, "subscriptions"));
        await CardAsync(Routes.OnTextAsync(channel, language == Language.English ? "subscribe group Release Engineers events resolved,notresolved" : "assinar eventos resolvida"));
        await CardAsync(Routes.OnTextAsync(channel, language == Language.English ? "unsubscribe" : "cancelar assinatura"));
    }

    private static JObject Closure(string situation, string category, string information, string releaseDate) =>
        new() { ["situation"] = situation, ["category"] = category, ["information"] = information, ["releaseDate"] = releaseDate };

    /// <summary>Clicks the button <paramref name="verb"/> of the card with these inputs; with <paramref name="then"/>, clicks that button of the card it answers.</summary>
    private static async Task<JObject> ClickAsync(Turn turn, JObject card, string verb, JObject? inputs = null, string? then = null)
    {
        var data = (JObject)ActionData(card, verb).DeepClone();
        if (then is null && inputs is not null) data.Merge(inputs);
        var next = await CardAsync(Routes.OnActionAsync(turn, verb, data));
        return then is null ? next : await ClickAsync(turn, next, then, inputs);
    }

    private async Task<Turn> TurnAsync(CardLibrary cards, string language, string aadObjectId, string name, string? place = null)
    {
        var (desk, db) = database.NewDesk();
        var actor = await desk.ActorAsync(aadObjectId, name);
        var services = new ServiceCollection().AddSingleton(new NotificationChoices(db, database.Clock)).AddSingleton(Links).BuildServiceProvider();
        return new Turn(Texts.For(language), actor, desk, cards, database.Clock, services, CancellationToken.None, place: place);
    }

    private static async Task<JObject> CardAsync(Task<Reply> reply) =>
        (await reply).Card is { } card ? Parse(card) : throw new Xunit.Sdk.XunitException($"Expected a card, got the text: {(await reply).Text}");
}
