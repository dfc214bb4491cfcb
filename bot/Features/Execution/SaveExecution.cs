using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Features.Execution;

/// <summary>
/// "Save and keep the current task" or "Save and advance the flow", with the closing area as typed in the execution
/// form's inputs.
/// </summary>
public sealed record SaveExecution(string Release, int Revision, ClosureForm Closure, bool Advance)
{
    public const string KeepVerb = "save";
    public const string AdvanceVerb = "advance";

    public static SaveExecution? From(CardActionData data, bool advance) => data is { Release: { } release, Revision: { } revision }
        ? new(release, revision, new ClosureForm(data.Input(InputIds.Situation), data.Input(InputIds.Category), data.Input(InputIds.Information), data.Input(InputIds.ReleaseDate)), advance)
        : null;
}
