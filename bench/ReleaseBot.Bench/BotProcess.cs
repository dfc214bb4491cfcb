using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ReleaseBot.Bench;

/// <summary>The bot process's own runtime counters, as the startup hook reports them.</summary>
public sealed record Counters(long Jit, long Allocated, long Rss, double CpuMs, int Gc0, int Gc1, int Gc2)
{
    public static Counters Parse(string line)
    {
        var v = line.Trim().Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        return new((long)v["jit"], (long)v["alloc"], (long)v["rss"], v["cpuMs"], (int)v["gc0"], (int)v["gc1"], (int)v["gc2"]);
    }
}

/// <summary>
/// A bot (ReleaseBot or the echo bot) in a child process on a free loopback port, with the counters'
/// startup hook loaded into it. Every process started here is killed when it is disposed, and at the
/// latest when the benchmark exits (also on Ctrl+C).
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private static readonly List<Process> Started = [];
    private readonly Process process;
    private readonly string countersFile;
    private readonly Queue<string> lastLines = new();
    private int countersPort;

    static BotProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    private BotProcess(Process process, Uri url, string countersFile)
    {
        this.process = process;
        Url = url;
        this.countersFile = countersFile;
    }

    public Uri Url { get; }

    /// <summary>What the process printed last, for the error report.</summary>
    public string Output
    {
        get { lock (lastLines) return string.Join('\n', lastLines); }
    }

    public static async Task<BotProcess> StartAsync(string dll, string hookDll, string workFolder, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"No bot at {dll}");
        Directory.CreateDirectory(workFolder);
        var port = FreePort();
        var countersFile = Path.Combine(workFolder, $"counters-{port}.port");
        File.Delete(countersFile);
        var start = new ProcessStartInfo(DotnetHost(), [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            // The content root is the app's folder, so that it reads its own appsettings.json.
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["DOTNET_STARTUP_HOOKS"] = hookDll;
        start.Environment["RELEASEBOT_BENCH_COUNTERS"] = countersFile;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var process = new Process { StartInfo = start };
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}/"), countersFile);
        process.OutputDataReceived += (_, e) => bot.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Keep(e.Data);
        lock (Started)
        {
            process.Start();
            Started.Add(process);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await bot.WaitUntilReadyAsync(TimeSpan.FromSeconds(120), ct);
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
        return bot;
    }

    /// <summary>Ready when it answers HTTP (any status) and its counters port is known.</summary>
    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited) throw new InvalidOperationException($"The bot exited with code {process.ExitCode}:\n{Output}");
            try
            {
                using var _ = await http.GetAsync(Url, ct);
                if (File.Exists(countersFile) && int.TryParse(await File.ReadAllTextAsync(countersFile, ct), out var port))
                {
                    countersPort = port;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Too slow to answer yet.
            }
            await Task.Delay(250, ct);
        }
        throw new TimeoutException($"The bot did not start within {timeout.TotalSeconds:F0} s:\n{Output}");
    }

    public async Task<Counters> ReadCountersAsync(CancellationToken ct)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(IPAddress.Loopback, countersPort, timeout.Token);
        using var reader = new StreamReader(client.GetStream());
        return Counters.Parse(await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("No counters from the bot."));
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (lastLines)
        {
            lastLines.Enqueue(line);
            while (lastLines.Count > 40) lastLines.Dequeue();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill(process);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"Process {process.Id} did not exit within 15 s of being killed.");
        }
        lock (Started) Started.Remove(process);
        process.Dispose();
    }

    /// <summary>Runs a command (e.g. dotnet publish) to its end, within the time given; returns its output, or throws with it.</summary>
    public static async Task<string> RunToEndAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = new Process { StartInfo = start };
        lock (Started)
        {
            process.Start();
            Started.Add(process);
        }
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            var output = process.StandardOutput.ReadToEndAsync(limit.Token);
            var error = process.StandardError.ReadToEndAsync(limit.Token);
            await process.WaitForExitAsync(limit.Token);
            var text = await output + await error;
            if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{Tail(text, 40)}");
            return text;
        }
        finally
        {
            Kill(process);
            lock (Started) Started.Remove(process);
        }
    }

    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
    }

    private static void KillAll()
    {
        lock (Started)
            foreach (var process in Started) Kill(process);
    }
}
