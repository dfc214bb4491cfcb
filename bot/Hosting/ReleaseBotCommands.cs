using ReleaseBot.Api;
using ReleaseBot.Persistence;

namespace ReleaseBot.Hosting;

/// <summary>
/// What the app does when started with a command instead of serving: <c>apikey …</c> (see <see cref="ApiKeyCommand"/>).
/// It uses the configuration the bot would use (appsettings, environment), so it works on the bot's own database.
/// </summary>
public static class ReleaseBotCommands
{
    /// <returns>The exit code of the command, or null when the arguments name none (then the bot serves).</returns>
    public static async Task<int?> RunAsync(string[] args)
    {
        if (args is not ["apikey", .. var rest]) return null;
        var builder = WebApplication.CreateBuilder();
        // Standard output carries the command's result alone (a new key on its last line); logs go to standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReleaseBot(builder.Configuration, builder.Environment);
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReleaseBotDb>().ApplyMigrationsAsync(CancellationToken.None);
        return await ApiKeyCommand.RunAsync(rest, scope.ServiceProvider.GetRequiredService<ApiKeys>(), Console.Out, Console.Error);
    }
}
