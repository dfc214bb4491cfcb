using ReleaseBot.Domain;
using ReleaseBot.Localization;
using ReleaseBot.Persistence;

namespace ReleaseBot.Cards;

/// <summary>
/// What the reader of a card about one release needs besides the release: their texts and time zone, who they are,
/// the release's flow and the desk's setup (group names, categories), read once for the turn. The names it gives are
/// card text: markdown characters escaped (<see cref="PlainText.Escape"/>), for a TextBlock, a fact or a message.
/// </summary>
public sealed record CardContext(Texts Texts, Actor Reader, ReleaseFlow Flow, DeskSetup Setup, ReaderZone? Zone = null)
{
    /// <summary>A moment in the reader's time zone and language, with the zone named: "26/11/2026 19:00 (America/Sao_Paulo)"; UTC when it is unknown.</summary>
    public string When(DateTimeOffset at)
    {
        var zone = Zone ?? ReaderZone.Utc;
        return $"{zone.ToLocal(at).ToString("g", Texts.Culture)} ({zone.Name})";
    }

    /// <summary>The release waits at an approval: its group approves or rejects it, nobody claims or executes it.</summary>
    public bool AtApproval(ReleaseRequest release) => release.CurrentTask is { } task && Flow.Step(task.StepKey).IsApproval;

    public string StepName(string key) => PlainText.Escape(Flow.Step(key).Name.In(Texts.Language));
    public string Group(int id) => PlainText.Escape(Setup.GroupName(id));
    public string? CategoryPath(int? id) => Setup.Category(id)?.PathIn(Texts.Language) is { } path ? PlainText.Escape(path) : null;
}
