using ReleaseBot.Cards;
using ReleaseBot.Domain;

namespace ReleaseBot.Dialogs;

/// <summary>
/// The closing area ("Fechamento"): situation, solution category, execution information and release date,
/// saved with "Gravar e manter a tarefa atual" or "Gravar e avançar o fluxo".
/// </summary>
public static class ExecutionFormStep
{
    public static Task<Reply> ShowAsync(Turn turn, string key) =>
        turn.WithExecutableReleaseAsync(key, release => FormAsync(turn, release));

    public static async Task<Reply> SaveAsync(Turn turn, string key, int seenRevision, ClosureForm form, bool advance)
    {
        var change = await turn.Desk.SaveAsync(key, turn.Actor, seenRevision, form, advance, turn.Cancellation);
        if (change.Release is not { } release) return turn.NotFound(key);
        if (change.Refusal is { Reason: RefusalReason.InvalidClosure } invalid)
            return await FormAsync(turn, release, await turn.RefusalNoticeAsync(release, invalid), typed: form);
        if (change.Refusal is { } refusal) return await turn.RefusedAsync(release, refusal, key);

        var c = await turn.ContextAsync(release);
        if (!advance)
            return await FormAsync(turn, release, new Notice(NoticeKind.Success, turn.T.Format("notice.saved", release.Key, c.StepName(release.CurrentTask!.StepKey))));
        var notice = release.CurrentTask is { } next
            ? turn.T.Format("notice.advanced", release.Key, c.StepName(next.StepKey))
            : turn.T.Format("notice.flowEnded", release.Key);
        return await turn.ReleaseCardAsync(release, new Notice(NoticeKind.Success, notice));
    }

    public static async Task<Reply> FormAsync(Turn turn, ReleaseRequest release, Notice? notice = null, ClosureForm? typed = null) =>
        Reply.WithCard(turn.Cards.ExecutionForm(await turn.ContextAsync(release), release,
            await turn.Desk.CategoriesAsync(turn.Cancellation), turn.Today, typed, notice));
}
