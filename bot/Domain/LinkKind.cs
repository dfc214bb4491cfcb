namespace ReleaseBot.Domain;

/// <summary>What an item linked to a release is.</summary>
public enum LinkKind
{
    Problem,
    Knowledge,
    DefinitiveMedia,
    Role,
}
