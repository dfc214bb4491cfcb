using Newtonsoft.Json.Linq;
using ReleaseBot.Features;
using ReleaseBot.Features.ReleaseList;

namespace ReleaseBot.Tests.Architecture;

/// <summary>Every button of cards/*.json reaches a handler, and every handler is reached by a button or is marked API-only.</summary>
public class CardVerbTests
{
    private static readonly Routes Routes = Routes.OfAllFeatures();

    /// <summary>Verbs written in a template, by template; a verb bound from data (<c>${...}</c>) is listed as such.</summary>
    private static IReadOnlyList<(string Template, string Verb)> TemplateVerbs() =>
        Directory.GetFiles(Path.Combine(RepositoryFolder.Root(), "cards"), "*.json")
            .SelectMany(file => JObject.Parse(File.ReadAllText(file)).SelectTokens("$..verb").Select(v => (Path.GetFileName(file), (string)v!)))
            .ToList();

    /// <summary>The one template whose paging buttons take their verb from data: the list of releases pages "find" or "mine".</summary>
    private static readonly string[] ListPagingVerbs = [FindPage.Verb, MinePage.Verb];

    [Fact]
    public void Every_verb_in_a_card_is_mapped()
    {
        var unmapped = TemplateVerbs().Where(v => !v.Verb.StartsWith("${", StringComparison.Ordinal) && !Routes.Verbs.Contains(v.Verb)).ToList();
        Assert.True(unmapped.Count == 0, "Buttons with no handler: " + string.Join(", ", unmapped));
    }

    [Fact]
    public void Only_the_list_of_releases_binds_its_verb_from_data_and_those_verbs_are_mapped()
    {
        Assert.Equal(["release-list.json"], TemplateVerbs().Where(v => v.Verb.StartsWith("${", StringComparison.Ordinal)).Select(v => v.Template).Distinct());
        Assert.All(ListPagingVerbs, verb => Assert.Contains(verb, Routes.Verbs));
    }

    [Fact]
    public void Every_mapped_verb_is_on_a_card_or_marked_api_only()
    {
        var onCards = TemplateVerbs().Select(v => v.Verb).Concat(ListPagingVerbs).ToHashSet();
        var unused = Routes.Verbs.Where(v => !onCards.Contains(v) && !Routes.ApiOnlyVerbs.Contains(v)).ToList();
        Assert.True(unused.Count == 0, "Handlers no card reaches (mark them apiOnly if Teams or code sends them): " + string.Join(", ", unused));
        Assert.All(Routes.ApiOnlyVerbs, verb => Assert.DoesNotContain(verb, TemplateVerbs().Select(v => v.Verb)));
    }

    [Fact]
    public void A_verb_mapped_twice_stops_the_start()
    {
        var routes = new Routes().Action("claim", ReleaseAction.From, (_, _) => Task.FromResult(Reply.WithText("")));
        var twice = Assert.Throws<InvalidOperationException>(() => routes.Action("claim", ReleaseAction.From, (_, _) => Task.FromResult(Reply.WithText(""))));
        Assert.Contains("'claim'", twice.Message);
    }

    [Fact]
    public void Every_command_kind_but_unknown_has_a_handler()
    {
        var kinds = Enum.GetValues<CommandKind>().Where(k => k != CommandKind.Unknown);
        Assert.Equal(kinds.Order(), Routes.Commands.Order());
    }
}
