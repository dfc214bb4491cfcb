namespace ReleaseBot.Domain;

/// <summary>Risk, impact and urgency of a release.</summary>
public enum Level
{
    Low,
    Medium,
    High,
}
