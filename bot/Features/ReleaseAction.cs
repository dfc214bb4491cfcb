namespace ReleaseBot.Features;

/// <summary>A card action about one release that changes nothing, e.g. showing one of its views; with the revision the card showed, if it says.</summary>
public sealed record ReleaseAction(string Release, int? Revision = null)
{
    public static ReleaseAction? From(CardActionData data) => data.Release is { } release ? new(release, data.Revision) : null;
}
