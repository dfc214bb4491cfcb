namespace ReleaseBot.Api;

/// <summary>
/// A machine's key to the API. Only the SHA-256 of its secret is kept; the secret is shown once, when the key is
/// created. A revoked key stays listed, so that its name is not taken again by mistake.
/// </summary>
public sealed class ApiKey
{
    public const int MaxNameLength = 100;

    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The public part of the key, which finds its row: the secret itself is never looked up.</summary>
    public required string KeyId { get; set; }
    public required byte[] SecretHash { get; set; }
    /// <summary>Scopes, separated by commas.</summary>
    public required string Scopes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
