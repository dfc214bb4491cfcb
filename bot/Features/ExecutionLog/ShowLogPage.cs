namespace ReleaseBot.Features.ExecutionLog;

/// <summary>A page of a release's execution log.</summary>
public sealed record ShowLogPage(string Release, int Page)
{
    public const string Verb = "log";

    public static ShowLogPage? From(CardActionData data) => data.Release is { } release ? new(release, data.Page) : null;
}
