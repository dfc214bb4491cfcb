using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace ReleaseBot.Api;

/// <summary>
/// Optional Entra ID bearer tokens for the API (off unless <c>Api:Entra:Audience</c> and <c>Api:Entra:Authority</c> or
/// <c>Api:Entra:MetadataAddress</c> are set): the application's app roles are the scopes (an app role
/// <c>releases:write</c> grants that scope). The caller is named by the token's <c>azp</c> (or <c>appid</c>) claim.
/// </summary>
public static class EntraTokens
{
    public const string SchemeName = "Entra";

    public sealed record Settings(string? Authority, string? MetadataAddress, string Audience)
    {
        public static Settings? From(IConfiguration configuration)
        {
            var section = configuration.GetSection("Api:Entra");
            var audience = section["Audience"];
            if (string.IsNullOrWhiteSpace(audience) || (string.IsNullOrWhiteSpace(section["Authority"]) && string.IsNullOrWhiteSpace(section["MetadataAddress"]))) return null;
            return new(NullIfBlank(section["Authority"]), NullIfBlank(section["MetadataAddress"]), audience.Trim());
        }

        private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public static void Add(Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication, Settings settings) =>
        authentication.AddJwtBearer(SchemeName, options =>
        {
            options.Authority = settings.Authority;
            if (settings.MetadataAddress is not null) options.MetadataAddress = settings.MetadataAddress;
            // Plain HTTP metadata only on this machine (tests, a local issuer); never elsewhere.
            options.RequireHttpsMetadata = settings.MetadataAddress is not { } metadata || !Uri.TryCreate(metadata, UriKind.Absolute, out var uri) || !uri.IsLoopback;
            options.Audience = settings.Audience;
            options.MapInboundClaims = false;
            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    var identity = (ClaimsIdentity)context.Principal!.Identity!;
                    foreach (var role in identity.FindAll("roles").Select(c => c.Value).Where(ApiScope.IsKnown).ToList())
                        identity.AddClaim(new Claim(ApiScope.ClaimType, role));
                    var caller = identity.FindFirst("azp")?.Value ?? identity.FindFirst("appid")?.Value ?? identity.FindFirst("sub")?.Value ?? "Entra application";
                    identity.AddClaim(new Claim(ClaimTypes.Name, caller));
                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await ApiKeyAuthentication.WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Authentication required",
                        "Send a valid Entra ID token for this API, or an API key, as 'Authorization: Bearer <token>'.");
                },
                OnForbidden = context => ApiKeyAuthentication.WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Scope missing",
                    "The token is valid but its application has no app role for the scope this request needs."),
            };
        });
}
