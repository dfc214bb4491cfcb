using ReleaseBot.Hosting;

if (await ReleaseBotCommands.RunAsync(args) is { } exitCode) return exitCode;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddReleaseBot(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.Services.PrepareDatabaseAsync();
app.MapReleaseBot();
app.Run();
return 0;

public partial class Program;
