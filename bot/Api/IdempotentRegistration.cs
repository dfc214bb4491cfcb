namespace ReleaseBot.Api;

/// <summary>
/// A registration made with an <c>Idempotency-Key</c>: the same key from the same caller returns the same release,
/// and never registers a second one; the same key with another body is refused.
/// </summary>
public sealed class IdempotentRegistration
{
    public const int MaxKeyLength = 200;

    public long Id { get; set; }
    /// <summary>The caller: the API key's name, or the Entra ID application.</summary>
    public required string Client { get; set; }
    public required string Key { get; set; }
    /// <summary>SHA-256 of the request body as it was understood, so that an equivalent retry matches.</summary>
    public required byte[] RequestHash { get; set; }
    public required string ReleaseKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
