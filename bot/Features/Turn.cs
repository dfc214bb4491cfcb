using ReleaseBot.Cards;
using ReleaseBot.Diagnostics;
using ReleaseBot.Domain;
using ReleaseBot.Localization;
using ReleaseBot.Persistence;

namespace ReleaseBot.Features;

/// <summary>
/// Everything a use case needs for one turn: who speaks, in which language and time zone, where, the desk and the
/// cards. The desk's setup (flows, group names, categories) is read at most once per turn and shared by the change
/// and the card that answers it.
/// </summary>
public sealed class Turn(Texts texts, Actor actor, ReleaseDesk desk, CardLibrary cards, TimeProvider clock, IServiceProvider services,
    CancellationToken cancellation, ReaderZone? zone = null, string? place = null)
{
    private Task<DeskSetup>? setup;

    public Texts Texts { get; } = texts;
    public Actor Actor { get; } = actor;
    public ReleaseDesk Desk { get; } = desk;
    public CardLibrary Cards { get; } = cards;
    public CancellationToken Cancellation { get; } = cancellation;
    /// <summary>Where the person speaks, as a notification target ("channel:…", "user:…", "chat:…").</summary>
    public string? Place { get; } = place;
    /// <summary>The time zone the person reads times in: their Teams client's, else UTC.</summary>
    public ReaderZone Zone { get; } = zone ?? ReaderZone.Utc;
    /// <summary>Today where the person is.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Zone.ToLocal(clock.GetUtcNow()).DateTime);

    /// <summary>The release this person last saw in this conversation, so that "log" or "flow" need no number.</summary>
    public string? ReleaseInHand { get; set; }

    /// <summary>A service of the app that only some use cases need.</summary>
    public T Service<T>() where T : notnull => services.GetRequiredService<T>();

    public Task<DeskSetup> SetupAsync() => setup ??= Desk.SetupAsync(Cancellation);

    /// <summary>The setup read for this turn already (e.g. to know who acts), so that it is not read again.</summary>
    public Turn WithSetup(DeskSetup read)
    {
        setup ??= Task.FromResult(read);
        return this;
    }

    /// <summary>What a card about this release needs, for this reader.</summary>
    public async Task<CardContext> CardContextAsync(ReleaseRequest release)
    {
        var desk = await SetupAsync();
        return new CardContext(Texts, Actor, desk.FlowOf(release), desk, Zone);
    }

    /// <summary>"I found no release …", echoing what the person asked for (cut, and as text).</summary>
    public Reply NotFound(string key) => Reply.WithText(Texts.Format("error.releaseNotFound", PlainText.Echo(key)));

    /// <summary>Answers about a release as it is now, or says it does not exist; <paramref name="withHistory"/>: with every task it had, for what shows its flow.</summary>
    public async Task<Reply> WithReleaseAsync(string key, Func<ReleaseRequest, Task<Reply>> answer, bool withHistory = false)
    {
        var found = withHistory ? await Desk.FindWithHistoryAsync(key, Cancellation) : await Desk.FindAsync(key, Cancellation);
        if (found is not { } release) return NotFound(key);
        ReleaseInHand = release.Key;
        return await answer(release);
    }

    /// <summary>
    /// Answers only the assignee of the current task; anyone else gets the release card saying why not, first that the
    /// card they clicked (which showed <paramref name="seenRevision"/>) is out of date.
    /// </summary>
    public Task<Reply> WithExecutableReleaseAsync(string key, int? seenRevision, Func<ReleaseRequest, Task<Reply>> answer) =>
        WithReleaseAsync(key, async release => release.WhyNotViewableBy(Actor, seenRevision) is { } refusal
            ? await ReleaseCardAsync(release, await RefusalNoticeAsync(release, refusal))
            : await answer(release));

    /// <summary>The release card with a notice: the answer to anything that happened to the release, or was refused.</summary>
    public async Task<Reply> ReleaseCardAsync(ReleaseRequest release, Notice? notice = null)
    {
        ReleaseInHand = release.Key;
        return Reply.WithCard(ReleaseCard.Build(Cards, await CardContextAsync(release), release, notice));
    }

    /// <summary>The answer to a refused change: the release card saying why, or that the release does not exist.</summary>
    public async Task<Reply> RefusedAsync(Change change, string key) =>
        change.Release is { } release && change.Refusal is { } refusal
            ? await ReleaseCardAsync(release, await RefusalNoticeAsync(release, refusal))
            : NotFound(key);

    public async Task<Notice> RefusalNoticeAsync(ReleaseRequest release, Refusal refusal)
    {
        ReleaseBotTelemetry.Refusals.Add(1, new KeyValuePair<string, object?>("reason", refusal.Reason.ToString()));
        var c = await CardContextAsync(release);
        var task = release.CurrentTask;
        var stepName = task is null ? "" : c.StepName(task.StepKey);
        var group = task is null ? "" : c.Group(task.CandidateGroupId);
        return refusal.Reason switch
        {
            RefusalReason.InvalidClosure => new Notice(NoticeKind.Refusal, Texts["refusal.InvalidClosure"],
                refusal.Errors!.Select(e => Texts.Format("problem." + e.Problem, Texts["field." + e.Field], ClosureForm.MaxExecutionInformation)).ToList()),
            RefusalReason.InvalidRole => new Notice(NoticeKind.Refusal, Texts.Format("refusal.InvalidRole", ReleaseRequest.MaxRoleLength)),
            RefusalReason.InvalidNote => new Notice(NoticeKind.Refusal, Texts.Format("refusal.InvalidNote", ReleaseRequest.MaxNoteLength)),
            RefusalReason.InvalidReason => new Notice(NoticeKind.Refusal, Texts.Format("refusal.InvalidReason", ReleaseRequest.MaxReasonLength)),
            RefusalReason.AlreadyYours => new Notice(NoticeKind.Information, Texts.Format("refusal.AlreadyYours", release.Key, stepName)),
            // The card below is the current one; what changed for this person is said too, when it is not theirs to act.
            RefusalReason.StaleCard => new Notice(NoticeKind.Refusal, Texts.Format("refusal.StaleCard", release.Key),
                task switch
                {
                    null => [Texts.Format("notice.flowEndedInfo", release.Key)],
                    { AssigneeName: { } who } when !task.IsAssignedTo(Actor) => [Texts.Format("notice.assignedTo", release.Key, stepName, PlainText.Escape(who))],
                    _ => null,
                }),
            _ => new Notice(NoticeKind.Refusal, Texts.Format("refusal." + refusal.Reason, release.Key, stepName, refusal.Who is { } who ? PlainText.Escape(who) : group)),
        };
    }
}
