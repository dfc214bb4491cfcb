using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ReleaseBot.Api;

/// <summary>
/// Authenticates <c>Authorization: Bearer rbk_…</c> with <see cref="ApiKeys"/>. Other bearer tokens are not its
/// business (Entra ID's JWT handler takes those). A failure is logged with the reason and the key id, never the secret.
/// </summary>
public sealed partial class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { } token || !token.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal)) return AuthenticateResult.NoResult();
        var (key, failure) = await Context.RequestServices.GetRequiredService<ApiKeys>().CheckAsync(token, Context.RequestAborted);
        if (key is null)
        {
            LogRejected(Logger, failure!, Request.Method, Request.Path);
            return AuthenticateResult.Fail("The API key is not valid.");
        }
        var claims = key.ScopeList.Select(s => new Claim(ApiScope.ClaimType, s)).Prepend(new Claim(ClaimTypes.Name, key.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required",
            "Send a valid, unrevoked API key as 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Scope missing", "The API key is valid but lacks the scope this request needs.");

    private Task WriteProblemAsync(int status, string title, string detail) => WriteProblemAsync(Context, status, title, detail);

    /// <summary>A refusal of the API's authentication, as a problem (401 also says how to authenticate).</summary>
    public static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    public static string? BearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim() : null;

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "API request refused: {Reason} ({Method} {Path})")]
    private static partial void LogRejected(ILogger logger, string reason, string method, string path);
}
