namespace ReleaseBot.Dialogs;

/// <summary>"flow REL-1001" ("Visualizar fluxo"): every step of the release's flow, done, current or pending.</summary>
public static class ViewFlowStep
{
    public static Task<Reply> ShowAsync(Turn turn, string key) =>
        turn.WithReleaseAsync(key, async release => Reply.WithCard(turn.Cards.Flow(await turn.ContextAsync(release), release)));
}
