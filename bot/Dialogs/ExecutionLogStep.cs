namespace ReleaseBot.Dialogs;

/// <summary>"log REL-1001": the execution log ("Registro de Execução"), newest first, a page at a time.</summary>
public static class ExecutionLogStep
{
    public static Task<Reply> ShowAsync(Turn turn, string key, int page) =>
        turn.WithReleaseAsync(key, async release =>
        {
            var entries = await turn.Desk.LogAsync(release.Id, page, turn.Cancellation);
            return Reply.WithCard(turn.Cards.ExecutionLog(await turn.ContextAsync(release), release, entries, await turn.Desk.CategoriesAsync(turn.Cancellation)));
        });
}
