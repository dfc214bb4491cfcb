namespace ReleaseBot.Features.Help;

/// <summary>"help": what the bot can do, in the person's language.</summary>
public sealed class ShowHelp : IFeature
{
    public void Map(Routes routes) => routes.Command(CommandKind.Help, (turn, _) => Task.FromResult(Reply.WithCard(HelpCard.Build(turn.Cards, turn.Texts))));
}
