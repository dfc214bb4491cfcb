using System.Diagnostics;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ReleaseBot.Tests.Cards;

/// <summary>A card to check: the template, its data, and the card that our binder produced from them.</summary>
public sealed record CardCase(string Name, JObject Template, JToken Data, JObject Bound);

/// <summary>What the official tools say about a <see cref="CardCase"/>: <see cref="Official"/> is the template expanded
/// by adaptivecards-templating (null if it failed, with "templating: ..." in <see cref="Errors"/>); <see cref="Errors"/>
/// lists every event that the adaptivecards renderer logs when it parses and validates the bound card.</summary>
public sealed record OfficialCardResult(string Name, JToken Official, IReadOnlyList<string> Errors);

/// <summary>Runs the official Adaptive Cards tools (tests/card-conformance/check.js, under Node) on a batch of cards.</summary>
public static class OfficialCardTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static IReadOnlyList<OfficialCardResult> Check(IEnumerable<CardCase> cases)
    {
        var batch = cases.ToList();
        var input = new JArray(batch.Select(c => new JObject
        {
            ["name"] = c.Name,
            ["template"] = c.Template.DeepClone(),
            ["data"] = c.Data?.DeepClone() ?? JValue.CreateNull(),
            ["bound"] = c.Bound.DeepClone(),
        }));

        var output = RunNode(input.ToString(Formatting.None));
        using var reader = new JsonTextReader(new StringReader(output)) { DateParseHandling = DateParseHandling.None };
        var results = JArray.Load(reader).Select(r => new OfficialCardResult(
            (string)r["name"]!,
            r["official"]!,
            r["errors"]!.Select(e => (string)e!).ToList())).ToList();

        if (!results.Select(r => r.Name).SequenceEqual(batch.Select(c => c.Name)))
            throw new InvalidOperationException("check.js answered for other cases than it was given.");
        return results;
    }

    public static OfficialCardResult Check(CardCase card) => Check([card]).Single();

    private static string RunNode(string input)
    {
        var harness = Path.Combine(RepositoryFolder.Root(), "tests", "card-conformance");
        if (!Directory.Exists(Path.Combine(harness, "node_modules")))
            throw new InvalidOperationException(
                $"The official Adaptive Cards tools are not installed in {harness}: run `npm ci --prefix tests/card-conformance` from the repository root (Node 20).");

        var start = new ProcessStartInfo("node", ["check.js"])
        {
            WorkingDirectory = harness,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        using var node = StartNode(start);
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        node.StandardInput.Write(input);
        node.StandardInput.Close();

        if (!node.WaitForExit(Timeout))
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"node check.js did not finish within {Timeout}.");
        }
        if (node.ExitCode != 0)
            throw new InvalidOperationException($"node check.js failed with exit code {node.ExitCode}:{Environment.NewLine}{stderr.Result}");
        return stdout.Result;
    }

    private static Process StartNode(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Node.js 20 must be on the PATH to run the card conformance checks.", e);
        }
    }
}
