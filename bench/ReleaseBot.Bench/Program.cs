using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using ReleaseBot.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(Options.Usage);
    return 0;
}

using var cancel = new CancellationTokenSource();
// The first Ctrl+C (or SIGTERM) stops the run cleanly, killing its bots on the way out; a second one ends it at once
// (the bots are then killed when the process exits).
void Stop(PosixSignalContext signal)
{
    if (cancel.IsCancellationRequested) return;
    signal.Cancel = true;
    Console.Error.WriteLine("Stopping…");
    cancel.Cancel();
}
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
var ct = cancel.Token;

var work = Path.Combine(Path.GetTempPath(), "releasebot-bench", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
Directory.CreateDirectory(work);
var here = AppContext.BaseDirectory;
var echoDll = Path.Combine(here, "echo", "EchoBot.dll");
var hookDll = Path.Combine(here, "hook", "CounterHook.dll");
var results = new List<Result>();
var notes = new List<string>();
var started = DateTimeOffset.Now;

try
{
    var bots = options.Bots.Count > 0 ? options.Bots : [new BotBuild("bot", await PublishRepositoryBotAsync())];
    await using var standIn = await StandIn.StartAsync();
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
    Console.WriteLine($"Connector stand-in at {standIn.ServiceUrl}; {options.Concurrency} conversations, {options.WarmUp.TotalSeconds:F0} s warm-up + {options.Measure.TotalSeconds:F0} s per scenario.");

    var scenarios = Scenario.All.Where(s => options.Scenarios is null || options.Scenarios.Contains(s.Name)).ToList();
    // The echo bot runs first and again last: the mean of its two runs is the baseline, and their difference shows
    // how much the machine drifted meanwhile. It stays up (idle) in between.
    var echoScenario = scenarios.FirstOrDefault(s => s.ForEcho);
    await using var echo = echoScenario is null ? null : await BotProcess.StartAsync(echoDll, hookDll, Path.Combine(work, "echo"), BotEnvironment(null), ct);
    if (echo is not null)
    {
        await WarmUpAsync("echo", [echoScenario!], echo, standIn, http, options, ct);
        results.Add(await RunAsync("echo", echoScenario!, echo, standIn, http, options, ct));
    }
    foreach (var (label, dll) in bots)
    {
        if (scenarios.Any(s => !s.ForEcho))
        {
            var folder = Path.Combine(work, label);
            await using var bot = await BotProcess.StartAsync(dll, hookDll, folder, BotEnvironment(Path.Combine(folder, "bench.db")), ct);
            await WarmUpAsync(label, scenarios.Where(s => !s.ForEcho).ToList(), bot, standIn, http, options, ct);
            foreach (var scenario in scenarios.Where(s => !s.ForEcho))
                results.Add(await RunAsync(label, scenario, bot, standIn, http, options, ct));
        }
        if (options.Notifications)
        {
            var folder = Path.Combine(work, label + "-notifications");
            await using var bot = await BotProcess.StartAsync(dll, hookDll, folder, BotEnvironment(Path.Combine(folder, "bench.db")), ct);
            notes.Add(await NotificationRun.RunAsync(label, bot, standIn, http, options, ct));
        }
    }
    if (echo is not null && results.Any(r => !r.Scenario.ForEcho))
        results.Add(await RunAsync("echo", echoScenario!, echo, standIn, http, options, ct));
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled; results so far:");
}
catch (Exception e)
{
    Console.Error.WriteLine($"The benchmark failed: {e}");
    Report.Print(results, notes, options, started);
    return 1;
}
finally
{
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"Could not remove {work}: {e.Message}");
    }
}
Report.Print(results, notes, options, started);
return ct.IsCancellationRequested ? 130 : 0;

// The bot's own settings, as a deployment would give them, but a database of its own, quiet logs and authentication off.
static Dictionary<string, string> BotEnvironment(string? database)
{
    var environment = new Dictionary<string, string>
    {
        ["Logging__LogLevel__Default"] = "Warning",
        ["MicrosoftAppType"] = "",
        ["MicrosoftAppId"] = "",
        ["MicrosoftAppPassword"] = "",
        ["MicrosoftAppTenantId"] = "",
    };
    if (database is not null)
    {
        environment["Database__Provider"] = "Sqlite";
        environment["ConnectionStrings__ReleaseBot"] = $"Data Source={database}";
    }
    return environment;
}

async Task<string> PublishRepositoryBotAsync()
{
    var root = typeof(Options).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;
    var output = Path.Combine(work, "published-bot");
    Console.WriteLine($"Publishing {Path.Combine(root, "bot")} (Release) to {output}…");
    // Built outside the source tree (--artifacts-path), so that the bench never touches bot/bin or bot/obj.
    var artifacts = Path.Combine(Path.GetTempPath(), "releasebot-bench-artifacts");
    await BotProcess.RunToEndAsync(BotProcess.DotnetHost(),
        ["publish", Path.Combine(root, "bot"), "-c", "Release", "-o", output, "--artifacts-path", artifacts, "--nologo"], TimeSpan.FromMinutes(5), ct);
    return Path.Combine(output, "ReleaseBot.dll");
}

// A process just started runs its code slowly until the runtime has compiled it well: every scenario it will run
// goes once, unmeasured, before the first is measured (each has its own warm-up again then).
static async Task WarmUpAsync(string bot, IReadOnlyList<Scenario> scenarios, BotProcess process, StandIn standIn, HttpClient http, Options options, CancellationToken ct)
{
    if (options.WarmUp <= TimeSpan.Zero) return;
    Console.WriteLine($"{bot}: warming up the new process with {string.Join(", ", scenarios.Select(s => s.Name))}…");
    foreach (var scenario in scenarios)
        await new Load(http, process.Url, standIn.ServiceUrl).RunAsync(scenario.Workers(options.Concurrency), options.WarmUp, TimeSpan.Zero, process, standIn, ct);
}

static async Task<Result> RunAsync(string bot, Scenario scenario, BotProcess process, StandIn standIn, HttpClient http, Options options, CancellationToken ct)
{
    var workers = scenario.Workers(options.Concurrency);
    Console.WriteLine($"{bot}: {scenario.Name} ({scenario.Description}), {workers.Count} conversations…");
    var load = new Load(http, process.Url, standIn.ServiceUrl);
    var run = await load.RunAsync(workers, options.WarmUp, options.Measure, process, standIn, ct);
    var result = new Result(bot, scenario, workers.Count, run.Window, run.Elapsed, run.Before, run.After, run.CallsAfter - run.CallsBefore,
        run.OwnCpu, workers.OfType<WriteCycle>().Count(w => w.Stuck));
    if (result.Window.Errors > 0) Console.WriteLine($"  {result.Window.Errors} errors; the first: {result.Window.FirstError}\n  The bot's last lines:\n{process.Output}");
    return result;
}

/// <summary>A build of ReleaseBot to measure: a label for the table and the path of its published ReleaseBot.dll.</summary>
public sealed record BotBuild(string Label, string Dll);

public sealed record Options(List<BotBuild> Bots, TimeSpan WarmUp, TimeSpan Measure, int Concurrency, HashSet<string>? Scenarios,
    bool Notifications, int NotificationChannels, int NotificationsPerChannel, double ThrottleShare, bool Help)
{
    public const string Usage = """
        dotnet run -c Release --project bench/ReleaseBot.Bench -- [options]
          --bot [label=]path/to/ReleaseBot.dll   a published build to measure (repeat it to compare builds side by side);
                                                 default: publish ../bot from this repository into a temp folder
          --seconds N        measured seconds per scenario (default 15)
          --warmup N         warm-up seconds before each scenario (default 5)
          --concurrency N    concurrent conversations (default 32)
          --scenarios a,b    only these: echo, personal, channel, invoke, write, or none (default all)
          --notifications    also the notification throughput run (1,000 notifications to 50 channels)
          --channels N, --per-channel N, --throttle SHARE   its shape (defaults 50, 20, 0.1)
        """;

    public static Options Parse(string[] args)
    {
        var o = new Options([], TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), 32, null, false, 50, 20, 0.1, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number(int min, int max) => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n : throw new ArgumentException($"{args[i - 1]} needs a whole number from {min} to {max}.");
            switch (args[i])
            {
                case "--bot":
                    var value = Value();
                    var split = value.IndexOf('=', StringComparison.Ordinal);
                    var path = Path.GetFullPath(split > 0 ? value[(split + 1)..] : value);
                    var label = split > 0 ? value[..split] : $"bot{o.Bots.Count + 1}";
                    if (!File.Exists(path)) throw new ArgumentException($"No file at {path}.");
                    o.Bots.Add(new BotBuild(label, path));
                    break;
                case "--seconds": o = o with { Measure = TimeSpan.FromSeconds(Number(1, 3600)) }; break;
                case "--warmup": o = o with { WarmUp = TimeSpan.FromSeconds(Number(0, 600)) }; break;
                case "--concurrency": o = o with { Concurrency = Number(1, 1024) }; break;
                case "--scenarios": o = o with { Scenarios = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(n => n != "none").ToHashSet() }; break;
                case "--notifications": o = o with { Notifications = true }; break;
                case "--channels": o = o with { NotificationChannels = Number(1, 500) }; break;
                case "--per-channel": o = o with { NotificationsPerChannel = Number(1, 200) }; break;
                case "--throttle":
                    o = o with
                    {
                        ThrottleShare = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s is >= 0 and < 1
                            ? s : throw new ArgumentException("--throttle needs a share from 0 to below 1, e.g. 0.1."),
                    };
                    break;
                case "-h" or "--help": o = o with { Help = true }; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        if (o.Scenarios?.Except(Scenario.All.Select(s => s.Name)).FirstOrDefault() is { } unknown)
            throw new ArgumentException($"Unknown scenario {unknown}.");
        if (o.Bots.Select(b => b.Label).Distinct().Count() != o.Bots.Count) throw new ArgumentException("Each --bot needs its own label.");
        return o;
    }
}

/// <summary>One scenario against one bot: the measured window and the bot's counters at both ends.</summary>
public sealed record Result(string Bot, Scenario Scenario, int Concurrency, Window Window, TimeSpan Elapsed, Counters Before, Counters After,
    long ConnectorCalls, TimeSpan BenchCpu, int StuckWorkers)
{
    public long Turns => Window.Turns;
    public double TurnsPerSecond => Turns / Elapsed.TotalSeconds;
    public double PerTurn(double total) => Turns == 0 ? double.NaN : total / Turns;
}

public static class Report
{
    public static void Print(IReadOnlyList<Result> results, IReadOnlyList<string> notes, Options options, DateTimeOffset started)
    {
        Console.WriteLine();
        Console.WriteLine($"ReleaseBot benchmark, {started:yyyy-MM-dd HH:mm zzz}");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores{CpuModel()}, {RuntimeInformation.OSDescription}, {RuntimeInformation.OSArchitecture}, .NET {Environment.Version}");
        if (results.Count > 0) PrintTable(results, options);
        foreach (var note in notes) Console.WriteLine("\n" + note);
    }

    private static void PrintTable(IReadOnlyList<Result> results, Options options)
    {
        Console.WriteLine($"Load: up to {options.Concurrency} concurrent conversations, {options.WarmUp.TotalSeconds:F0} s warm-up + {options.Measure.TotalSeconds:F0} s measured per scenario, a fresh activity id on every request");
        Console.WriteLine();
        var echoRuns = results.Where(r => r.Scenario.ForEcho).ToList();
        var baseline = echoRuns.Count == 0 ? 0 : echoRuns.Average(r => r.TurnsPerSecond);
        string[] header = ["bot", "scenario", "conc", "turns/s", "×echo", "p50 ms", "p95 ms", "p99 ms", "JIT/turn", "KB/turn", "CPU ms/turn", "RSS MB", "calls/turn", "errors", "bench CPU ms/turn"];
        var rows = new List<string[]> { header };
        var echoSeen = 0;
        foreach (var r in results)
        {
            var name = r.Scenario.ForEcho && echoSeen++ > 0 ? r.Scenario.Name + " again" : r.Scenario.Name;
            var latencies = r.Window.SortedLatencies();
            var cpu = r.After.CpuMs - r.Before.CpuMs;
            rows.Add([
                r.Bot, name, r.Concurrency.ToString(),
                r.TurnsPerSecond.ToString("F1"),
                baseline == 0 ? "-" : (r.TurnsPerSecond / baseline).ToString("F2"),
                Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99),
                r.PerTurn(r.After.Jit - r.Before.Jit).ToString("F1"),
                r.PerTurn((r.After.Allocated - r.Before.Allocated) / 1024.0).ToString("F0"),
                r.PerTurn(cpu).ToString("F2"),
                (r.After.Rss / 1024.0 / 1024).ToString("F0"),
                r.PerTurn(r.ConnectorCalls).ToString("F2"),
                r.Window.Errors.ToString(),
                r.PerTurn(r.BenchCpu.TotalMilliseconds).ToString("F2"),
            ]);
        }
        var widths = header.Select((_, c) => rows.Max(row => row[c].Length)).ToArray();
        foreach (var row in rows)
            Console.WriteLine(string.Join("  ", row.Select((cell, c) => c < 2 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))));
        foreach (var r in results.Where(r => r.Window.Writes + r.Window.RefusedWrites > 0))
            Console.WriteLine($"\n{r.Bot} {r.Scenario.Name}: {r.Window.Writes} writes applied ({r.Window.Writes / r.Elapsed.TotalSeconds:F1}/s, {100.0 * r.Window.Writes / Math.Max(1, r.Turns):F0}% of turns), " +
                $"{r.Window.RefusedWrites} refused{(r.StuckWorkers > 0 ? $", {r.StuckWorkers} releases stuck" : "")}.");
    }

    private static string Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? "-" : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)].ToString("F0");

    private static string CpuModel()
    {
        try
        {
            var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
            return line is null ? "" : $" ({line[(line.IndexOf(':') + 1)..].Trim()})";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
