using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace ReleaseBot.Tests.Manifest;

/// <summary>What a run of one of the manifest/ Node scripts gave.</summary>
public sealed record NodeRun(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}stdout: {Output}{Environment.NewLine}stderr: {Errors}";
}

/// <summary>Runs manifest/package.js and manifest/validate.js (the Teams app packaging and its official-schema check) under Node.</summary>
public static class TeamsAppTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string RepositoryRoot { get; } = RepositoryFolder.Root();
    public static string ManifestFolder => Path.Combine(RepositoryRoot, "manifest");

    /// <summary>node manifest/package.js with these arguments; BOT_ID, BOT_DOMAIN and MicrosoftAppId are those given in <paramref name="environment"/>, or unset.</summary>
    public static NodeRun Package(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        RunNode("package.js", arguments, environment);

    /// <summary>Builds ReleaseBot.zip with these values into <paramref name="zip"/>, failing the test if packaging fails.</summary>
    public static void PackageOrFail(string botId, string domain, string zip)
    {
        var run = Package(["--bot-id", botId, "--domain", domain, "--out", zip]);
        Assert.True(run.ExitCode == 0, $"node manifest/package.js failed: {run}");
        Assert.True(File.Exists(zip), $"node manifest/package.js wrote no {zip}: {run}");
    }

    /// <summary>node manifest/validate.js on a folder holding a filled manifest.json and the files it names.</summary>
    public static NodeRun Validate(string folder) => RunNode("validate.js", [folder], null);

    /// <summary>Extracts a zip into a new folder and gives the folder.</summary>
    public static string Extract(string zip, string folder)
    {
        ZipFile.ExtractToDirectory(zip, folder);
        return folder;
    }

    private static NodeRun RunNode(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        if (!File.Exists(Path.Combine(ManifestFolder, "node_modules", "@microsoft", "app-manifest", "package.json")))
            throw new InvalidOperationException(
                $"The Teams app tools are not installed in {Path.Combine(ManifestFolder, "node_modules")}: run `npm ci --prefix manifest` from the repository root (Node 20).");

        var start = new ProcessStartInfo("node", [Path.Combine(ManifestFolder, script), .. arguments])
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var name in new[] { "BOT_ID", "BOT_DOMAIN", "MicrosoftAppId" })
            start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        using var node = StartNode(start);
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        if (!node.WaitForExit(Timeout))
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {Timeout}.");
        }
        return new NodeRun(node.ExitCode, stdout.Result, stderr.Result);
    }

    private static Process StartNode(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Node.js 20 must be on the PATH to package and validate the Teams app.", e);
        }
    }
}

/// <summary>A temporary folder, deleted with everything in it on dispose.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"releasebot-manifest-{Guid.NewGuid():N}");

    public TemporaryFolder() => Directory.CreateDirectory(Path);

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
