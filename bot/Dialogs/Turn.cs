using ReleaseBot.Cards;
using ReleaseBot.Data;
using ReleaseBot.Domain;
using ReleaseBot.Localization;

namespace ReleaseBot.Dialogs;

/// <summary>Everything a conversation step needs for one turn: who speaks, in which language, and the desk.</summary>
public sealed class Turn(Texts texts, Actor actor, ReleaseDesk desk, ReleaseCards cards, TimeProvider clock, CancellationToken cancellation,
    TimeSpan? utcOffset = null, string? place = null)
{
    public Texts T { get; } = texts;
    public Actor Actor { get; } = actor;
    public ReleaseDesk Desk { get; } = desk;
    public ReleaseCards Cards { get; } = cards;
    public CancellationToken Cancellation { get; } = cancellation;
    /// <summary>Where the person speaks, as a notification target ("channel:…", "user:…", "chat:…").</summary>
    public string? Place { get; } = place;
    public DateTimeOffset Now => clock.GetUtcNow();
    /// <summary>Today where the person is, when their client said its offset.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(utcOffset ?? TimeSpan.Zero).DateTime);

    public async Task<CardContext> ContextAsync(ReleaseRequest release) =>
        new(T, Actor, await Desk.FlowForAsync(release.Type, Cancellation), await Desk.GroupNamesAsync(Cancellation), utcOffset);

    /// <summary>The release this person last saw in this conversation, so that "log" or "flow" need no number.</summary>
    public string? ReleaseInHand { get; set; }

    public Reply NotFound(string key) => Reply.WithText(T.Format("error.releaseNotFound", key));

    /// <summary>Answers about a release as it is now, or says it does not exist.</summary>
    public async Task<Reply> WithReleaseAsync(string key, Func<ReleaseRequest, Task<Reply>> answer)
    {
        if (await Desk.FindAsync(key, Cancellation) is not { } release) return NotFound(key);
        ReleaseInHand = release.Key;
        return await answer(release);
    }

    /// <summary>Answers only the assignee of the current task; anyone else gets the release card saying why not.</summary>
    public Task<Reply> WithExecutableReleaseAsync(string key, Func<ReleaseRequest, Task<Reply>> answer) =>
        WithReleaseAsync(key, async release => release.WhyNotExecutableBy(Actor) is { } refusal
            ? await ReleaseCardAsync(release, await RefusalNoticeAsync(release, refusal))
            : await answer(release));


    /// <summary>The release card with a notice: the answer to anything that happened to the release, or was refused.</summary>
    public async Task<Reply> ReleaseCardAsync(ReleaseRequest release, Notice? notice = null)
    {
        ReleaseInHand = release.Key;
        return Reply.WithCard(Cards.Release(await ContextAsync(release), release, notice));
    }

    public async Task<Reply> RefusedAsync(ReleaseRequest? release, Refusal refusal, string key)
    {
        if (release is null) return NotFound(key);
        return await ReleaseCardAsync(release, await RefusalNoticeAsync(release, refusal));
    }

    public async Task<Notice> RefusalNoticeAsync(ReleaseRequest release, Refusal refusal)
    {
        var c = await ContextAsync(release);
        var task = release.CurrentTask;
        var stepName = task is null ? "" : c.StepName(task.StepKey);
        var group = task is null ? "" : c.Group(task.CandidateGroupId);
        return refusal.Reason switch
        {
            RefusalReason.InvalidClosure => new Notice(NoticeKind.Refusal, T["refusal.InvalidClosure"],
                refusal.Errors!.Select(e => T.Format("problem." + e.Problem, T["field." + e.Field], ClosureForm.MaxExecutionInformation)).ToList()),
            RefusalReason.InvalidRole => new Notice(NoticeKind.Refusal, T.Format("refusal.InvalidRole", ReleaseRequest.MaxRoleLength)),
            RefusalReason.AlreadyYours => new Notice(NoticeKind.Information, T.Format("refusal.AlreadyYours", release.Key, stepName)),
            _ => new Notice(NoticeKind.Refusal, T.Format("refusal." + refusal.Reason, release.Key, stepName, refusal.Who ?? group)),
        };
    }
}
