using ReleaseBot.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddReleaseBot(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.Services.PrepareDatabaseAsync();
app.MapReleaseBot();
app.Run();

public partial class Program;
