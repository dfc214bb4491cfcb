namespace ReleaseBot.Features.Assignment;

/// <summary>Confirm the assignment of the current task of the release as it was at <paramref name="Revision"/>.</summary>
public sealed record ClaimTask(string Release, int Revision)
{
    public const string Verb = "claim";

    public static ClaimTask? From(CardActionData data) => data is { Release: { } release, Revision: { } revision } ? new(release, revision) : null;
}
