using System.IO.Compression;
using System.Text.Json.Nodes;

namespace ReleaseBot.Tests.Manifest;

/// <summary>
/// ReleaseBot.zip as manifest/package.js builds it with a sample bot id and domain: its entries, the filled manifest,
/// and the official schemas of @microsoft/app-manifest (offline) on the manifest and the Portuguese localisation.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private const string SampleBotId = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private const string SampleDomain = "releasebot.example.com";

    private readonly TemporaryFolder temporary = new();

    public void Dispose() => temporary.Dispose();

    [Fact]
    public void The_zip_holds_exactly_the_manifest_the_localisation_and_both_icons_at_its_root()
    {
        var zip = temporary["ReleaseBot.zip"];
        TeamsAppTools.PackageOrFail(SampleBotId, SampleDomain, zip);

        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(["color.png", "manifest.json", "outline.png", "pt-br.json"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        foreach (var name in new[] { "color.png", "outline.png", "pt-br.json" })
            Assert.True(Read(archive, name).SequenceEqual(File.ReadAllBytes(Path.Combine(TeamsAppTools.ManifestFolder, name))), $"{name} in the zip differs from manifest/{name}.");
    }

    [Fact]
    public void The_packaged_manifest_carries_the_bot_id_and_domain_and_no_placeholder()
    {
        var zip = temporary["ReleaseBot.zip"];
        TeamsAppTools.PackageOrFail(SampleBotId, SampleDomain, zip);

        using var archive = ZipFile.OpenRead(zip);
        var text = System.Text.Encoding.UTF8.GetString(Read(archive, "manifest.json"));
        Assert.DoesNotContain("{{", text);
        Assert.DoesNotContain("}}", text);

        var manifest = JsonNode.Parse(text)!;
        Assert.Equal(SampleBotId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(SampleBotId, (string?)manifest["id"]);
        Assert.Equal([SampleDomain], manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        foreach (var url in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
            Assert.StartsWith($"https://{SampleDomain}/", (string?)manifest["developer"]![url]);
    }

    [Fact]
    public void The_bot_id_and_domain_may_come_from_the_environment()
    {
        var zip = temporary["ReleaseBot.zip"];
        var run = TeamsAppTools.Package(["--out", zip], new Dictionary<string, string> { ["BOT_ID"] = SampleBotId, ["BOT_DOMAIN"] = SampleDomain });
        Assert.True(run.ExitCode == 0, run.ToString());

        using var archive = ZipFile.OpenRead(zip);
        var manifest = JsonNode.Parse(Read(archive, "manifest.json"))!;
        Assert.Equal(SampleBotId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(SampleDomain, (string?)manifest["validDomains"]![0]);
    }

    [Fact]
    public void The_packaged_manifest_and_localisation_pass_the_official_schemas()
    {
        var zip = temporary["ReleaseBot.zip"];
        TeamsAppTools.PackageOrFail(SampleBotId, SampleDomain, zip);
        var folder = TeamsAppTools.Extract(zip, temporary["package"]);

        var run = TeamsAppTools.Validate(folder);

        Assert.True(run.ExitCode == 0, $"The packaged app is not valid: {run}");
        Assert.Contains("valid:", run.Output);
        Assert.Contains("/teams/v1.22/", run.Output);
    }

    [Theory]
    [InlineData("accentColor")]
    [InlineData("developer")]
    [InlineData("icons")]
    public void A_manifest_without_a_required_field_fails_the_official_schema(string field)
    {
        var zip = temporary["ReleaseBot.zip"];
        TeamsAppTools.PackageOrFail(SampleBotId, SampleDomain, zip);
        var folder = TeamsAppTools.Extract(zip, temporary["package"]);
        var manifestFile = Path.Combine(folder, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestFile))!.AsObject();
        Assert.True(manifest.Remove(field), $"the manifest has no {field} to remove");
        File.WriteAllText(manifestFile, manifest.ToJsonString());

        var run = TeamsAppTools.Validate(folder);

        Assert.True(run.ExitCode == 1, $"A manifest without {field} passed: {run}");
        Assert.Contains($"must have required property '{field}'", run.Errors);
    }

    [Fact]
    public void A_localisation_string_over_the_schema_limit_fails_the_official_schema()
    {
        var zip = temporary["ReleaseBot.zip"];
        TeamsAppTools.PackageOrFail(SampleBotId, SampleDomain, zip);
        var folder = TeamsAppTools.Extract(zip, temporary["package"]);
        var localisationFile = Path.Combine(folder, "pt-br.json");
        var strings = JsonNode.Parse(File.ReadAllText(localisationFile))!.AsObject();
        strings["name.short"] = new string('x', 31);
        File.WriteAllText(localisationFile, strings.ToJsonString());

        var run = TeamsAppTools.Validate(folder);

        Assert.True(run.ExitCode == 1, $"A 31-character name.short passed: {run}");
        Assert.Contains("pt-br.json: /name.short must NOT have more than 30 characters", run.Errors);
    }

    [Theory]
    [InlineData("not-a-guid", SampleDomain, "is not a GUID")]
    [InlineData("", SampleDomain, "The bot id is missing")]
    [InlineData(SampleBotId, "", "The domain is missing")]
    [InlineData(SampleBotId, "https://releasebot.example.com/api/messages", "is not a host name")]
    public void Packaging_refuses_a_bad_bot_id_or_domain_with_a_clear_message(string botId, string domain, string message)
    {
        var zip = temporary["ReleaseBot.zip"];
        var arguments = new List<string> { "--out", zip };
        if (botId.Length > 0) arguments.AddRange(["--bot-id", botId]);
        if (domain.Length > 0) arguments.AddRange(["--domain", domain]);

        var run = TeamsAppTools.Package(arguments);

        Assert.True(run.ExitCode != 0, $"package.js accepted bot id '{botId}' and domain '{domain}': {run}");
        Assert.Contains(message, run.Errors);
        Assert.False(File.Exists(zip), "package.js wrote a zip although it refused its input.");
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
