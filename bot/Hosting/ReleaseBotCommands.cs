using ReleaseBot.Api;
using ReleaseBot.Persistence;

namespace ReleaseBot.Hosting;

/// <summary>
/// What the app does when started with a command instead of serving: <c>apikey …</c> (see <see cref="ApiKeyCommand"/>),
/// <c>import &lt;desk.yaml&gt;</c> and <c>export [&lt;desk.yaml&gt;]</c> (the desk as a file).
/// It uses the configuration the bot would use (appsettings, environment), so it works on the bot's own database.
/// </summary>
public static class ReleaseBotCommands
{
    /// <returns>The exit code of the command, or null when the arguments name none (then the bot serves).</returns>
    public static async Task<int?> RunAsync(string[] args)
    {
        if (args is not ["apikey" or "import" or "export", ..]) return null;
        var builder = WebApplication.CreateBuilder();
        // Standard output carries the command's result alone (a new key on its last line); logs go to standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReleaseBot(builder.Configuration, builder.Environment);
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReleaseBotDb>().ApplyMigrationsAsync(CancellationToken.None);
        return args switch
        {
            ["apikey", .. var rest] => await ApiKeyCommand.RunAsync(rest, scope.ServiceProvider.GetRequiredService<ApiKeys>(), Console.Out, Console.Error),
            ["import", var path] => await ImportAsync(scope.ServiceProvider.GetRequiredService<DeskImport>(), path),
            ["export"] => await ExportAsync(scope.ServiceProvider.GetRequiredService<DeskImport>(), null),
            ["export", var path] => await ExportAsync(scope.ServiceProvider.GetRequiredService<DeskImport>(), path),
            _ => Usage(),
        };
    }

    private static async Task<int> ImportAsync(DeskImport desk, string path)
    {
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"There is no file '{path}'.");
            return 1;
        }
        var problems = await desk.ImportAsync(await File.ReadAllTextAsync(path));
        foreach (var problem in problems) await Console.Error.WriteLineAsync($"{path}: {problem}");
        if (problems.Count > 0)
        {
            await Console.Error.WriteLineAsync("Nothing was imported.");
            return 1;
        }
        await Console.Out.WriteLineAsync($"Imported {path}.");
        return 0;
    }

    private static async Task<int> ExportAsync(DeskImport desk, string? path)
    {
        var yaml = await desk.ExportAsync();
        if (path is null) await Console.Out.WriteAsync(yaml);
        else await File.WriteAllTextAsync(path, yaml);
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("Usage: import <desk.yaml> | export [<desk.yaml>] | apikey create|list|revoke …");
        return 2;
    }
}
