using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReleaseBot.Persistence;

namespace ReleaseBot.Api;

/// <summary>
/// Creates, lists, revokes and checks API keys. A key reads <c>rbk_&lt;key id&gt;_&lt;secret&gt;</c>: the key id finds the
/// row, and the secret's hash is compared in constant time.
/// </summary>
public sealed class ApiKeys(ReleaseBotDb db, TimeProvider clock)
{
    public const string Prefix = "rbk_";
    public const int KeyIdLength = 12;
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public sealed record Created(ApiKey Key, string Secret);

    /// <summary>Why a key could not be created; null when it was.</summary>
    public async Task<(Created? Created, string? Error)> CreateAsync(string name, IReadOnlyCollection<string> scopes, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > ApiKey.MaxNameLength || name.Any(char.IsControl))
            return (null, $"A key's name has 1 to {ApiKey.MaxNameLength} characters.");
        if (scopes.Count == 0) return (null, $"Give at least one scope: {string.Join(", ", ApiScope.All)}.");
        if (scopes.FirstOrDefault(s => !ApiScope.IsKnown(s)) is { } unknown)
            return (null, $"Unknown scope '{unknown}'; the scopes are {string.Join(", ", ApiScope.All)}.");
        if (await db.ApiKeys.AnyAsync(k => k.Name == name, ct)) return (null, $"A key named '{name}' exists already (revoked keys keep their names).");

        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Name = name,
            KeyId = keyId,
            SecretHash = Hash(secret),
            Scopes = string.Join(",", scopes.Distinct(StringComparer.Ordinal)),
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return (new Created(key, $"{Prefix}{keyId}_{secret}"), null);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default) =>
        await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(ct);

    /// <summary>False when no key has that name.</summary>
    public async Task<bool> RevokeAsync(string name, CancellationToken ct = default)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Name == name.Trim(), ct);
        if (key is null) return false;
        key.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The live key that a presented token is, or why not (for the log: never the secret).</summary>
    public async Task<(ApiKey? Key, string? Failure)> CheckAsync(string token, CancellationToken ct = default)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length <= Prefix.Length + KeyIdLength + 1 || token[Prefix.Length + KeyIdLength] != '_')
            return (null, "malformed key");
        var keyId = token.Substring(Prefix.Length, KeyIdLength);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.KeyId == keyId, ct);
        // An unknown key id still costs one hash and one comparison, like a known one.
        var presented = Hash(token[(Prefix.Length + KeyIdLength + 1)..]);
        var matches = CryptographicOperations.FixedTimeEquals(presented, key?.SecretHash ?? new byte[presented.Length]);
        if (key is null || !matches) return (null, $"unknown key or wrong secret (key id {keyId})");
        if (key.RevokedAt is not null) return (null, $"revoked key '{key.Name}'");

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is not { } last || now - last >= LastUsedPrecision)
        {
            key.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return (key, null);
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
