using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ReleaseBot.Persistence;
using ReleaseBot.Tests.Http;

namespace ReleaseBot.Tests.ScaleOut;

/// <summary>
/// The bot as it is deployed: its own process (<c>dotnet ReleaseBot.dll</c>, the build the tests were built with)
/// on a loopback port of its own, configured only through environment variables.
/// </summary>
public sealed class BotProcess : BotClient, IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient http;
    private readonly LocalConnector connector;
    private readonly Queue<string> output = new();

    private BotProcess(Process process, Uri address, LocalConnector connector)
    {
        this.process = process;
        this.connector = connector;
        http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public override HttpClient Http => http;
    public override LocalConnector Connector => connector;

    /// <summary>The last lines the process wrote, for a failing test's message.</summary>
    public string Output
    {
        get { lock (output) return string.Join('\n', output); }
    }

    public static async Task<BotProcess> StartAsync(DatabaseSettings database, LocalConnector connector, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = BotFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(BotFolder, "ReleaseBot.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["ConnectionStrings__ReleaseBot"] = database.ConnectionString;
        start.Environment["MicrosoftAppId"] = "";
        start.Environment["Notifications__Sender__PollInterval"] = "00:00:00.050";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start)!;
        // Should the test run end without disposing it, the bot must not go on polling the database.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process);
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}"), connector);
        try
        {
            await bot.WaitUntilHealthyAsync();
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The bot process ended with {process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { } // not listening yet
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The bot process did not answer /health within 60 s:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>The bot's build output, beside this test build: bot/bin/&lt;configuration&gt;/&lt;framework&gt;.</summary>
    private static string BotFolder { get; } = FindBotFolder();

    private static string FindBotFolder()
    {
        var testFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (testFolder.Name, testFolder.Parent!.Name);
        for (var folder = testFolder; folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "ReleaseBot.sln")))
                return Path.Combine(folder.FullName, "bot", "bin", configuration, framework);
        throw new InvalidOperationException("ReleaseBot.sln not found above " + testFolder.FullName);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > 200) output.Dequeue();
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { } // disposed, or ended meanwhile
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        Stop(process);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
