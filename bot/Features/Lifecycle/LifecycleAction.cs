using ReleaseBot.Cards;

namespace ReleaseBot.Features.Lifecycle;

/// <summary>
/// A click on the card of a release's other actions: the release, the revision the card showed, and what was typed or
/// chosen there (the reason or note, the step to reopen into, the person to hand the task over to).
/// </summary>
public sealed record LifecycleAction(string Release, int Revision, string? Text, string? Step, string? Member)
{
    public static LifecycleAction? From(CardActionData data) =>
        data.Release is { } release && data.Revision is { } revision
            ? new(release, revision, data.Input(InputIds.Reason), Blank(data.Input(InputIds.Step)), Blank(data.Input(InputIds.Member)))
            : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
