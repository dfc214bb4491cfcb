using System.Text.Json.Nodes;
using ReleaseBot.Features;

namespace ReleaseBot.Tests.Manifest;

/// <summary>
/// The commands that Teams offers in its command menu (bots[0].commandLists of manifest.json, and their Portuguese
/// titles in pt-br.json) are exactly the commands the bot answers: <see cref="Command.Words"/>, in both languages.
/// </summary>
public sealed class CommandListTests
{
    private static readonly JsonObject Manifest = Load("manifest.json");
    private static readonly JsonObject Portuguese = Load("pt-br.json");

    private static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TeamsAppTools.ManifestFolder, name)))!.AsObject();

    /// <summary>Every command of every list: (list index, command index, English title).</summary>
    private static List<(int List, int Index, string Title)> EnglishCommands() =>
        Manifest["bots"]![0]!["commandLists"]!.AsArray()
            .SelectMany((list, i) => list!["commands"]!.AsArray().Select((c, j) => (i, j, (string)c!["title"]!)))
            .ToList();

    /// <summary>The localisation key and English text of every title and description of the message extension's commands and parameters.</summary>
    private static IEnumerable<(string Key, string Text)> MessageExtensionStrings()
    {
        var commands = Manifest["composeExtensions"]?[0]?["commands"]?.AsArray() ?? [];
        foreach (var (command, i) in commands.Select((c, i) => (c!, i)))
        {
            foreach (var field in new[] { "title", "description" })
                if (command[field] is JsonNode text)
                    yield return ($"composeExtensions[0].commands[{i}].{field}", (string)text!);
            foreach (var (parameter, j) in (command["parameters"]?.AsArray() ?? []).Select((p, j) => (p!, j)))
                foreach (var field in new[] { "title", "description" })
                    if (parameter[field] is JsonNode text)
                        yield return ($"composeExtensions[0].commands[{i}].parameters[{j}].{field}", (string)text!);
        }
    }

    private static string PortugueseTitle(int list, int index)
    {
        var key = $"bots[0].commandLists[{list}].commands[{index}].title";
        var title = (string?)Portuguese[key];
        Assert.False(string.IsNullOrWhiteSpace(title), $"pt-br.json has no \"{key}\".");
        return title!;
    }

    [Fact]
    public void There_is_a_command_list_for_each_scope_of_the_bot()
    {
        var bot = Manifest["bots"]![0]!;
        var scopes = bot["scopes"]!.AsArray().Select(s => (string)s!).ToList();
        Assert.Equal(["personal", "team", "groupChat"], scopes);

        var listed = bot["commandLists"]!.AsArray().SelectMany(l => l!["scopes"]!.AsArray().Select(s => (string)s!)).ToList();
        Assert.Equal(scopes.Order(), listed.Order());
    }

    [Fact]
    public void Every_English_command_is_one_the_bot_answers()
    {
        Assert.All(EnglishCommands(), c =>
        {
            var word = Command.Words.SingleOrDefault(w => w.English == c.Title);
            Assert.True(word != default, $"commandLists[{c.List}] lists \"{c.Title}\", which is not an English word of Command.Words.");
            Assert.Equal(word.Kind, Command.Parse(c.Title).Kind);
        });
    }

    [Fact]
    public void Every_Portuguese_command_is_the_same_command_in_Portuguese()
    {
        Assert.All(EnglishCommands(), c =>
        {
            var title = PortugueseTitle(c.List, c.Index);
            var word = Command.Words.SingleOrDefault(w => w.Portuguese == title);
            Assert.True(word != default, $"pt-br.json lists \"{title}\", which is not a Portuguese word of Command.Words.");
            Assert.Equal(word.Kind, Command.Parse(title).Kind);
            Assert.Equal(Command.Parse(c.Title).Kind, word.Kind);
        });
    }

    [Fact]
    public void Together_the_lists_offer_every_command_of_the_bot_each_list_once()
    {
        var commands = EnglishCommands();
        Assert.Equal(Command.Words.Select(w => w.English).Order(), commands.Select(c => c.Title).Distinct().Order());
        Assert.Equal(Command.Words.Select(w => w.Portuguese).Order(), commands.Select(c => PortugueseTitle(c.List, c.Index)).Distinct().Order());
        foreach (var list in commands.GroupBy(c => c.List))
            Assert.True(list.Select(c => c.Title).Distinct().Count() == list.Count(), $"commandLists[{list.Key}] lists a command twice.");
    }

    [Fact]
    public void Every_string_of_the_manifest_has_a_Portuguese_translation_and_nothing_else_is_there()
    {
        var expected = new List<string> { "name.short", "name.full", "description.short", "description.full" };
        foreach (var (list, index, _) in EnglishCommands())
        {
            expected.Add($"bots[0].commandLists[{list}].commands[{index}].title");
            expected.Add($"bots[0].commandLists[{list}].commands[{index}].description");
        }
        foreach (var (key, _) in MessageExtensionStrings())
            expected.Add(key);

        var keys = Portuguese.Select(p => p.Key).Where(k => k != "$schema").ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.All(keys, key => Assert.False(string.IsNullOrWhiteSpace((string?)Portuguese[key]), $"pt-br.json: \"{key}\" is empty."));
    }

    [Fact]
    public void Portuguese_descriptions_are_not_left_in_English()
    {
        var english = EnglishCommands()
            .Select(c => (string)Manifest["bots"]![0]!["commandLists"]![c.List]!["commands"]![c.Index]!["description"]!)
            .Concat([(string)Manifest["description"]!["short"]!, (string)Manifest["description"]!["full"]!])
            .Concat(MessageExtensionStrings().Where(s => s.Key.EndsWith(".description", StringComparison.Ordinal)).Select(s => s.Text))
            .ToHashSet();
        var portuguese = Portuguese.Where(p => p.Key.EndsWith(".description", StringComparison.Ordinal) || p.Key.StartsWith("description.", StringComparison.Ordinal))
            .Select(p => (Key: p.Key, Text: (string)p.Value!));

        Assert.All(portuguese, p => Assert.False(english.Contains(p.Text), $"pt-br.json: \"{p.Key}\" is an English text of the manifest."));
    }
}
