using ReleaseBot.Domain;
using ReleaseBot.Features.Open;

namespace ReleaseBot.Features.ExecutionLog;

/// <summary>"log REL-1001": the execution log ("Registro de Execução"), newest first, a page at a time.</summary>
public sealed class ShowExecutionLog : IFeature
{
    public void Map(Routes routes) => routes
        .Command(CommandKind.Log, (turn, key) => ReleaseKey.TryParse(key, out var release)
            ? ShowAsync(turn, release, 1)
            : Task.FromResult(OpenRelease.NeedsKey(turn, CommandKind.Log, key)))
        .Action(ShowLogPage.Verb, ShowLogPage.From, (turn, action) => ShowAsync(turn, action.Release, action.Page));

    private static Task<Reply> ShowAsync(Turn turn, string key, int page) =>
        turn.WithReleaseAsync(key, async release =>
        {
            var entries = await turn.Desk.LogAsync(release.Id, page, turn.Cancellation);
            return Reply.WithCard(ExecutionLogCard.Build(turn.Cards, await turn.CardContextAsync(release), release, entries));
        });
}
