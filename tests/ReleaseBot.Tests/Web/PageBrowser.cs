using System.Diagnostics;
using System.Text;
using Newtonsoft.Json.Linq;

namespace ReleaseBot.Tests.Web;

/// <summary>What a person meets on a page in Chromium (tests/browser/check-page.js, Playwright under Node).</summary>
public sealed record PageVisit(int Status, string Lang, string Title, string Aria, IReadOnlyList<(string Alt, bool Loaded, int Width)> Images, IReadOnlyList<string> Problems);

public static class PageBrowser
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<PageVisit> VisitAsync(Uri url, string locale, string? screenshot = null)
    {
        var harness = Path.Combine(RepositoryFolder.Root(), "tests", "browser");
        if (!Directory.Exists(Path.Combine(harness, "node_modules")))
            throw new InvalidOperationException($"Playwright is not installed in {harness}: run `npm ci --prefix tests/browser` from the repository root (Node 20).");
        var start = new ProcessStartInfo("node", screenshot is null ? ["check-page.js", url.ToString(), locale] : ["check-page.js", url.ToString(), locale, screenshot])
        {
            WorkingDirectory = harness,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        await node.WaitForExitAsync(timeout.Token);
        if (node.ExitCode != 0) throw new InvalidOperationException($"check-page.js failed with exit code {node.ExitCode}: {await stderr}");
        var result = JObject.Parse(await stdout);
        return new PageVisit((int)result["status"]!, (string)result["lang"]!, (string)result["title"]!, (string)result["aria"]!,
            result["images"]!.Select(i => ((string)i["alt"]!, (bool)i["loaded"]!, (int)i["width"]!)).ToList(),
            result["problems"]!.Select(p => (string)p!).ToList());
    }
}
