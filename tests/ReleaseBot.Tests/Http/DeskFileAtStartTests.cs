using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReleaseBot.Persistence;

namespace ReleaseBot.Tests.Http;

/// <summary>A team's own desk file, named by Desk:ImportFile, is imported at start-up instead of the demo data.</summary>
public sealed class DeskFileAtStartTests : IAsyncLifetime
{
    private static readonly string File = Path.Combine(Path.GetTempPath(), $"desk-{Guid.NewGuid():N}.yaml");
    private readonly BotApp bot = new(settings: new Dictionary<string, string?> { ["Desk:ImportFile"] = File });

    public async Task InitializeAsync()
    {
        await System.IO.File.WriteAllTextAsync(File, """
            groups:
            - name: Platform Team
              members:
              - { aadObjectId: 00000000-0000-0000-0000-0000000000020, name: Alex Wilber }
            flows:
            - releaseType: '*'
              steps:
              - { key: deploy, en: Deploy, ptBr: Implantação, next: verify, statusWhenResolved: inExecution }
              - { key: verify, en: Verify, ptBr: Verificação, statusWhenResolved: resolved }
            solutionCategories:
            - { key: done, en: Done, ptBr: Feito }
            """);
        await bot.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        System.IO.File.Delete(File);
    }

    [Fact]
    public async Task The_desk_is_the_teams_file_and_no_demo_release_is_made()
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReleaseBotDb>();

        Assert.Equal(["Platform Team"], await db.Groups.Select(g => g.Name).ToListAsync());
        Assert.Equal(["deploy", "verify"], (await db.Flows.Include(f => f.Steps).SingleAsync()).Ordered.Select(s => s.Key));
        Assert.Equal(0, await db.Releases.CountAsync());
        var found = await bot.SayForCardAsync(TeamsUser.Alex, "find");
        Assert.NotNull(found);
    }
}
