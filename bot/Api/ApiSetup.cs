using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;

namespace ReleaseBot.Api;

/// <summary>The HTTP API under <c>/api/v1</c>: its services, its authentication by API key, one policy per scope, its endpoints.</summary>
public static class ApiSetup
{
    public const string Prefix = "/api/v1";
    /// <summary>Larger request bodies are refused with 413 before they are read.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    /// <summary>The API's scheme: an API key (rbk_…) goes to its handler, any other bearer token to Entra ID when that is configured.</summary>
    public const string SchemeName = "Api";

    public static IServiceCollection AddReleaseBotApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ApiKeys>();
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        var entra = EntraTokens.Settings.From(configuration);
        var authentication = services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddPolicyScheme(SchemeName, null, o => o.ForwardDefaultSelector = context =>
                entra is not null && ApiKeyAuthentication.BearerToken(context.Request) is { } token && !token.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal)
                    ? EntraTokens.SchemeName : ApiKeyAuthentication.SchemeName);
        if (entra is not null) EntraTokens.Add(authentication, entra);
        services.AddAuthorizationBuilder().AddScopePolicies();
        services.AddApiDocs();
        return services;
    }

    private static void AddScopePolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder authorization)
    {
        foreach (var scope in ApiScope.All)
            authorization.AddPolicy(scope, policy => policy
                .AddAuthenticationSchemes(SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.HasClaim(ApiScope.ClaimType, scope) || c.User.HasClaim(ApiScope.ClaimType, ApiScope.Admin)));
    }

    /// <summary>The endpoint needs the scope (or admin); its summary and scope go into the OpenAPI document.</summary>
    public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder endpoint, string scope, string summary) =>
        endpoint.RequireAuthorization(scope).WithSummary(summary).WithDescription($"Scope: {scope} (or admin).");

    public static void MapReleaseBotApi(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Prefix), api => api.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > MaxBodyBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Title = "Request too large", Detail = $"A request body has at most {MaxBodyBytes} bytes." },
                });
                return;
            }
            // A body without a length (chunked) is cut off at the same size by the server.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
            await next(context);
        }));
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapApiDocs();
        var api = app.MapGroup(Prefix);
        ReleasesApi.Map(api);
        CatalogApi.Map(api);
        GroupsApi.Map(api);
        CategoriesApi.Map(api);
        WebhooksApi.Map(api);
        FlowsApi.Map(api);
    }
}
