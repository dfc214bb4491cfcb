using ReleaseBot.Cards;
using ReleaseBot.Domain;
using ReleaseBot.Features.Flow;
using ReleaseBot.Localization;
using ReleaseBot.Persistence;

namespace ReleaseBot.Web;

/// <summary>
/// A release in a browser, at its canonical URL (<c>/releases/REL-1001</c>: the page, behind sign-in when it is on), and
/// its flow picture (<c>/releases/REL-1001/flow.png</c>), which Teams fetches for cards without anyone's sign-in, so its
/// URL carries a signature with an expiry (<see cref="ReleaseLinks"/>): any other URL is refused.
/// </summary>
public static class ReleasePages
{
    /// <summary>The page shows the newest entries of the log, up to this many.</summary>
    public const int MaxLogEntries = 500;

    public static void AddReleasePages(this IServiceCollection services, IConfiguration configuration) => PageSignIn.Add(services, configuration);

    public static void MapReleasePages(this WebApplication app)
    {
        var page = app.MapGet("/releases/{key}", PageAsync);
        if (PageSignIn.IsOn(app.Configuration)) page.RequireAuthorization(PageSignIn.Policy);
        app.MapGet("/releases/{key}/" + ReleaseLinks.PicturePath, PictureAsync);
        // The app's icon, which browsers ask for beside any page.
        app.MapGet("/favicon.ico", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.File(Icon.Value, "image/png");
        });
    }

    private static readonly Lazy<byte[]> Icon = new(() =>
    {
        using var stream = typeof(ReleasePages).Assembly.GetManifestResourceStream("ReleaseBot.Web.icon.png")!;
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    });

    private static async Task<IResult> PageAsync(string key, HttpContext http, ReleaseDesk desk, ReleaseLinks links, CancellationToken ct)
    {
        var texts = Texts.For(LanguageOf(http.Request));
        http.Response.Headers.ContentSecurityPolicy = ReleasePage.ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        if (!ReleaseKey.TryParse(key, out var canonical) || await desk.FindWithHistoryAsync(canonical, ct) is not { } release)
            return Results.Content(ReleasePage.Message(texts.Language, texts["page.notFoundTitle"], texts.Format("page.notFound", PlainText.Cut(key, 40))),
                "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        var setup = await desk.SetupAsync(ct);
        var context = new CardContext(texts, Actor.Anyone, setup.FlowOf(release), setup);
        var log = await desk.NewestLogAsync(release.Id, MaxLogEntries + 1, ct);
        var html = ReleasePage.Render(context, release, log.Take(MaxLogEntries).ToList(), log.Count > MaxLogEntries, links.SignedPicturePath(release.Key, texts.Language));
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> PictureAsync(string key, string? lang, string? tz, string? exp, string? sig, HttpContext http, ReleaseDesk desk, ReleaseLinks links,
        CancellationToken ct)
    {
        if (!ReleaseKey.TryParse(key, out var canonical) || !links.IsValidPictureSignature(canonical, lang, exp, sig, tz))
            return Results.Problem("This picture's link is not valid, or has expired: open the flow again for a new one.",
                statusCode: StatusCodes.Status403Forbidden, title: "Link not valid");
        if (await desk.FindWithHistoryAsync(canonical, ct) is not { } release)
            return Results.Problem($"There is no release {canonical}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        var setup = await desk.SetupAsync(ct);
        // Times in the zone of the card that showed the picture, as its list below shows them.
        var context = new CardContext(Texts.For(Language.FromLocale(lang)), Actor.Anyone, setup.FlowOf(release), setup, ReaderZone.Named(tz));
        http.Response.Headers.CacheControl = "private, max-age=60";
        return Results.File(FlowDrawing.Render(context, release), "image/png");
    }

    /// <summary>The browser's preferred language of the two (Accept-Language, by quality); English otherwise.</summary>
    public static string LanguageOf(HttpRequest request)
    {
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(l => l.StartsWith("pt", StringComparison.OrdinalIgnoreCase) || l.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return Language.FromLocale(preferred);
    }
}
