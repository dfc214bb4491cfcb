using ReleaseBot.Tests.Http;

namespace ReleaseBot.Tests.Web;

/// <summary>The release's page in Chromium, in each language: what it says, how a screen reader names it, and no error.</summary>
public sealed class ReleasePageBrowserTests : IAsyncLifetime
{
    private readonly BotApp bot = new(kestrel: true);

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Theory]
    [InlineData("pt-BR", "pt-BR", "Detalhes", "Imagem do fluxo de REL-1001", "Registro de Execução", "Quando", "Situação")]
    [InlineData("en-US", "en", "Details", "Picture of the flow of REL-1001", "Execution log", "When", "Status")]
    public async Task The_page_of_a_release_reads_in_the_browsers_language_with_named_parts_and_no_error(
        string locale, string lang, string details, string pictureName, string log, string when, string status)
    {
        var visit = await PageBrowser.VisitAsync(new Uri(bot.BaseAddress, "/releases/REL-1001"), locale,
            Environment.GetEnvironmentVariable("RELEASEBOT_SCREENSHOTS") is { } folder ? Path.Combine(folder, $"page-{locale}.png") : null);

        Assert.Equal(200, visit.Status);
        Assert.True(visit.Problems.Count == 0, string.Join("\n", visit.Problems));
        Assert.Equal(lang, visit.Lang);
        Assert.StartsWith("REL-1001 · Payments API 2.4.0", visit.Title);
        Assert.Contains("- heading \"REL-1001 · Payments API 2.4.0\" [level=1]", visit.Aria);
        Assert.Contains($"- heading \"{details}\" [level=2]", visit.Aria);
        Assert.Contains($"- heading \"{log}", visit.Aria);
        Assert.Contains($"- columnheader \"{when}\"", visit.Aria);
        Assert.Contains($"- term: {status}", visit.Aria);
        var picture = Assert.Single(visit.Images);
        Assert.StartsWith(pictureName, picture.Alt);
        Assert.True(picture.Loaded, "the flow picture loads through its signed URL");
        Assert.Contains($"- img \"{picture.Alt}\"", visit.Aria);
    }
}
