using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace ReleaseBot.Persistence;

/// <summary>
/// A secret every instance of the bot shares, made at the first start when none is configured: e.g. the key that signs
/// the flow picture's URLs, so that a URL signed by one instance is good on all of them and after a restart.
/// </summary>
public sealed class SharedSecret
{
    public const string LinkSigning = "link-signing";

    public required string Purpose { get; set; }
    public required byte[] Value { get; set; }

    /// <summary>The secret for <paramref name="purpose"/>; the first instance to ask makes it, and every other one reads that one.</summary>
    public static async Task<byte[]> GetOrCreateAsync(ReleaseBotDb db, string purpose, CancellationToken ct)
    {
        if (await ReadAsync(db, purpose, ct) is { } existing) return existing;
        db.SharedSecrets.Add(new SharedSecret { Purpose = purpose, Value = RandomNumberGenerator.GetBytes(32) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance made it first: theirs is the one.
            db.ChangeTracker.Clear();
        }
        return await ReadAsync(db, purpose, ct) ?? throw new InvalidOperationException($"The shared secret '{purpose}' could not be stored.");
    }

    private static Task<byte[]?> ReadAsync(ReleaseBotDb db, string purpose, CancellationToken ct) =>
        db.SharedSecrets.AsNoTracking().Where(s => s.Purpose == purpose).Select(s => s.Value).FirstOrDefaultAsync(ct);
}
