using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Web;

namespace ReleaseBot.Web;

/// <summary>
/// Who may read a release's page in a browser. Off (the page is open, as in local mode) unless <c>AzureAd:ClientId</c> is
/// set; then people sign in with Microsoft Entra ID (OpenID Connect, Microsoft.Identity.Web), and only accounts of the
/// tenant <c>AzureAd:TenantId</c> get in.
/// </summary>
public static class PageSignIn
{
    public const string Section = "AzureAd";
    public const string Policy = "release-pages";
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Sign-in is on when the section names the app registration.</summary>
    public static bool IsOn(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[$"{Section}:ClientId"]);

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        if (!IsOn(configuration)) return;
        var tenant = configuration[$"{Section}:TenantId"]?.Trim();
        // "common", "organizations" or "consumers" would let in accounts of any tenant.
        if (string.IsNullOrEmpty(tenant) || tenant is "common" or "organizations" or "consumers")
            throw new InvalidOperationException($"{Section}:TenantId must name your tenant (its id or domain) when {Section}:ClientId turns sign-in on; it is '{tenant}'.");
        services.AddAuthentication().AddMicrosoftIdentityWebApp(configuration.GetSection(Section), Scheme, CookieScheme);
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
    }
}
