namespace ReleaseBot.Api;

/// <summary>What a key (or an Entra ID app role) lets a caller do with the API. <see cref="Admin"/> holds every other scope.</summary>
public static class ApiScope
{
    public const string ReleasesRead = "releases:read";
    public const string ReleasesWrite = "releases:write";
    public const string CatalogWrite = "catalog:write";
    public const string WebhooksWrite = "webhooks:write";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [ReleasesRead, ReleasesWrite, CatalogWrite, WebhooksWrite, Admin];

    /// <summary>The claim type that carries each scope of an authenticated caller.</summary>
    public const string ClaimType = "scope";

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
