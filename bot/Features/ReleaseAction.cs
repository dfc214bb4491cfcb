namespace ReleaseBot.Features;

/// <summary>A card action about one release that changes nothing, e.g. showing one of its views.</summary>
public sealed record ReleaseAction(string Release)
{
    public static ReleaseAction? From(CardActionData data) => data.Release is { } release ? new(release) : null;
}
