using ReleaseBot.Cards;
using ReleaseBot.Domain;
using ReleaseBot.Domain.Events;

namespace ReleaseBot.Features.Execution;

/// <summary>
/// The closing area ("Fechamento"): situation, solution category, execution information and release date,
/// saved with "Gravar e manter a tarefa atual" or "Gravar e avançar o fluxo".
/// </summary>
public sealed class ExecuteRelease : IFeature
{
    public const string FormVerb = "form";

    public void Map(Routes routes) => routes
        .Action(FormVerb, ReleaseAction.From, (turn, action) => turn.WithExecutableReleaseAsync(action.Release, action.Revision, release => FormAsync(turn, release)))
        .Action(SaveExecution.KeepVerb, data => SaveExecution.From(data, advance: false), SaveAsync)
        .Action(SaveExecution.AdvanceVerb, data => SaveExecution.From(data, advance: true), SaveAsync);

    private static async Task<Reply> SaveAsync(Turn turn, SaveExecution save)
    {
        var change = await turn.Desk.SaveAsync(save.Release, turn.Actor, save.Revision, save.Closure, save.Advance, await turn.SetupAsync(), turn.Cancellation);
        if (change.Release is not { } release) return turn.NotFound(save.Release);
        if (change.Refusal is { Reason: RefusalReason.InvalidClosure } invalid)
            return await FormAsync(turn, release, await turn.RefusalNoticeAsync(release, invalid), typed: save.Closure);
        if (change.Refusal is not null) return await turn.RefusedAsync(change, save.Release);

        var c = await turn.CardContextAsync(release);
        if (!save.Advance)
            return await FormAsync(turn, release, new Notice(NoticeKind.Success, turn.Texts.Format("notice.saved", release.Key, c.StepName(release.CurrentTask!.StepKey))));
        var sentBack = change.Events.OfType<FlowAdvanced>().Any(a => a.Outcome == ExecutionSituation.NaoResolvida);
        var notice = release.CurrentTask is { } next
            ? turn.Texts.Format(sentBack ? "notice.sentBack" : "notice.advanced", release.Key, c.StepName(next.StepKey))
            : turn.Texts.Format("notice.flowEnded", release.Key);
        return await turn.ReleaseCardAsync(release, new Notice(NoticeKind.Success, notice));
    }

    /// <summary>The execution form; <paramref name="typed"/> keeps what the user typed when the form is answered with errors.</summary>
    public static async Task<Reply> FormAsync(Turn turn, ReleaseRequest release, Notice? notice = null, ClosureForm? typed = null)
    {
        turn.ReleaseInHand = release.Key;
        return Reply.WithCard(ExecutionFormCard.Build(turn.Cards, await turn.CardContextAsync(release), release, turn.Today, typed, notice));
    }
}
