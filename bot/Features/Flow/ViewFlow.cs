using ReleaseBot.Cards;
using ReleaseBot.Domain;
using ReleaseBot.Features.Open;

namespace ReleaseBot.Features.Flow;

/// <summary>"flow REL-1001" ("Visualizar fluxo"): every step of the release's flow, done, current or pending.</summary>
public sealed class ViewFlow : IFeature
{
    public const string Verb = "flow";

    public void Map(Routes routes) => routes
        .Command(CommandKind.Flow, (turn, key) => ReleaseKey.TryParse(key, out var release)
            ? ShowAsync(turn, release)
            : Task.FromResult(OpenRelease.NeedsKey(turn, CommandKind.Flow, key)))
        .Action(Verb, ReleaseAction.From, (turn, action) => ShowAsync(turn, action.Release));

    private static Task<Reply> ShowAsync(Turn turn, string key) => turn.WithReleaseAsync(key, async release =>
    {
        var links = turn.Service<ReleaseLinks>();
        return Reply.WithCard(FlowCard.Build(turn.Cards, await turn.CardContextAsync(release), release,
            links.FlowPictureOf(release.Key, turn.Texts.Language, turn.Zone.Name), links.PageOf(release.Key)));
    }, withHistory: true);
}
