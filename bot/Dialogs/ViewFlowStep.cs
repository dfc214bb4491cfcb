namespace ReleaseBot.Dialogs;

/// <summary>"flow REL-1001" ("Visualizar fluxo"): every step of the release's flow, done, current or pending.</summary>
public static class ViewFlowStep
{
    public static async Task<Reply> ShowAsync(Turn turn, string key)
    {
        var release = await turn.Desk.FindAsync(key, turn.Cancellation);
        if (release is null) return turn.NotFound(key);
        return Reply.WithCard(turn.Cards.Flow(await turn.ContextAsync(release), release));
    }
}
