using System.IO.Compression;
using System.Text.Json.Nodes;

namespace ReleaseBot.Tests.Manifest;

/// <summary>
/// The message extension of the packaged app: the search command searchReleases (composeExtension/query) with its one
/// text parameter, its Portuguese strings in pt-br.json, and the link handler that makes Teams send
/// composeExtension/queryLink for release links under the packaged domain.
/// </summary>
public sealed class MessageExtensionTests : IDisposable
{
    private const string SampleBotId = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
    private const string SampleDomain = "releases.contoso.example";

    private static readonly string[] TranslatedStrings = ["title", "description", "parameters[0].title", "parameters[0].description"];

    private readonly TemporaryFolder temporary = new();

    public void Dispose() => temporary.Dispose();

    [Fact]
    public void The_packaged_manifest_declares_the_searchReleases_query_command_with_its_text_parameter()
    {
        var extensions = PackagedManifest()["composeExtensions"]?.AsArray();
        Assert.True(extensions is { Count: 1 }, "The packaged manifest must declare exactly one compose extension.");
        var extension = extensions[0]!;
        Assert.Equal(SampleBotId, (string?)extension["botId"]);

        var commands = extension["commands"]!.AsArray();
        var command = Assert.Single(commands)!;
        Assert.Equal("searchReleases", (string?)command["id"]);
        Assert.Equal("query", (string?)command["type"]);
        Assert.Equal(["compose", "commandBox"], command["context"]!.AsArray().Select(c => (string?)c));
        Assert.True((bool?)command["initialRun"] == true, "initialRun must be true: the empty query lists the user's releases when the extension opens.");
        Assert.True((bool?)command["fetchTask"] == false, "fetchTask must be false: a search command, not a dialog.");
        Assert.False(string.IsNullOrWhiteSpace((string?)command["title"]), "searchReleases has no title.");
        Assert.False(string.IsNullOrWhiteSpace((string?)command["description"]), "searchReleases has no description.");

        var parameter = Assert.Single(command["parameters"]!.AsArray())!;
        Assert.Equal("searchText", (string?)parameter["name"]);
        Assert.Equal("text", (string?)parameter["inputType"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)parameter["title"]), "searchText has no title.");
        Assert.False(string.IsNullOrWhiteSpace((string?)parameter["description"]), "searchText has no description.");
    }

    [Theory]
    [InlineData("title")]
    [InlineData("description")]
    [InlineData("parameters[0].title")]
    [InlineData("parameters[0].description")]
    public void The_packaged_Portuguese_localisation_translates_each_string_of_the_search_command(string path)
    {
        var zip = Package();
        using var archive = ZipFile.OpenRead(zip);
        var manifest = JsonNode.Parse(Read(archive, "manifest.json"))!;
        var portuguese = JsonNode.Parse(Read(archive, "pt-br.json"))!.AsObject();

        var key = $"composeExtensions[0].commands[0].{path}";
        var english = path.StartsWith("parameters[0].", StringComparison.Ordinal)
            ? (string?)manifest["composeExtensions"]![0]!["commands"]![0]!["parameters"]![0]![path["parameters[0].".Length..]]
            : (string?)manifest["composeExtensions"]![0]!["commands"]![0]![path];
        var translated = (string?)portuguese[key];

        Assert.False(string.IsNullOrWhiteSpace(english), $"manifest.json has no {key}.");
        Assert.False(string.IsNullOrWhiteSpace(translated), $"pt-br.json has no \"{key}\".");
        Assert.NotEqual(english, translated);
    }

    [Fact]
    public void The_search_command_strings_are_exactly_those_the_Portuguese_file_translates()
    {
        var portuguese = JsonNode.Parse(File.ReadAllText(Path.Combine(TeamsAppTools.ManifestFolder, "pt-br.json")))!.AsObject();
        var keys = portuguese.Select(p => p.Key).Where(k => k.StartsWith("composeExtensions", StringComparison.Ordinal));
        Assert.Equal(TranslatedStrings.Select(s => $"composeExtensions[0].commands[0].{s}").Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_link_handler_names_the_packaged_domain_which_is_also_a_valid_domain()
    {
        var manifest = PackagedManifest();

        var handler = Assert.Single(manifest["composeExtensions"]![0]!["messageHandlers"]?.AsArray() ?? [])!;
        Assert.Equal("link", (string?)handler["type"]);
        Assert.Equal([SampleDomain], handler["value"]!["domains"]!.AsArray().Select(d => (string?)d));
        Assert.Contains(SampleDomain, manifest["validDomains"]!.AsArray().Select(d => (string?)d));
    }

    [Fact]
    public void Validation_refuses_a_message_extension_of_another_bot()
    {
        var folder = ExtractedPackage();
        var run = ValidateAfter(folder, manifest => manifest["composeExtensions"]![0]!["botId"] = "00000000-0000-0000-0000-000000000002");

        Assert.True(run.ExitCode == 1, $"A compose extension of another bot passed: {run}");
        Assert.Contains("composeExtensions[0].botId \"00000000-0000-0000-0000-000000000002\" is not the botId of a bot of this app", run.Errors);
    }

    [Fact]
    public void Validation_refuses_a_link_domain_that_is_not_a_valid_domain()
    {
        var folder = ExtractedPackage();
        var run = ValidateAfter(folder, manifest => manifest["composeExtensions"]![0]!["messageHandlers"]![0]!["value"]!["domains"] = new JsonArray("elsewhere.example.com"));

        Assert.True(run.ExitCode == 1, $"A link domain outside validDomains passed: {run}");
        Assert.Contains("names the domain \"elsewhere.example.com\", which is not in validDomains", run.Errors);
    }

    [Fact]
    public void Validation_refuses_a_Portuguese_string_for_a_parameter_the_command_does_not_have()
    {
        var folder = ExtractedPackage();
        var localisationFile = Path.Combine(folder, "pt-br.json");
        var strings = JsonNode.Parse(File.ReadAllText(localisationFile))!.AsObject();
        strings["composeExtensions[0].commands[0].parameters[1].title"] = "Grupo";
        File.WriteAllText(localisationFile, strings.ToJsonString());

        var run = TeamsAppTools.Validate(folder);

        Assert.True(run.ExitCode == 1, $"A translation of a missing parameter passed: {run}");
        Assert.Contains("pt-br.json: \"composeExtensions[0].commands[0].parameters[1].title\" names no string in manifest.json", run.Errors);
    }

    private string Package()
    {
        var zip = temporary["ReleaseBot.zip"];
        if (!File.Exists(zip))
            TeamsAppTools.PackageOrFail(SampleBotId, SampleDomain, zip);
        return zip;
    }

    private JsonNode PackagedManifest()
    {
        using var archive = ZipFile.OpenRead(Package());
        return JsonNode.Parse(Read(archive, "manifest.json"))!;
    }

    private string ExtractedPackage() => TeamsAppTools.Extract(Package(), temporary["package"]);

    private static NodeRun ValidateAfter(string folder, Action<JsonNode> change)
    {
        var manifestFile = Path.Combine(folder, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestFile))!;
        change(manifest);
        File.WriteAllText(manifestFile, manifest.ToJsonString());
        return TeamsAppTools.Validate(folder);
    }

    private static byte[] Read(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"The zip has no {name}.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
