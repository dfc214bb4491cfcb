using ReleaseBot.Cards;
using ReleaseBot.Domain;
using ReleaseBot.Localization;

namespace ReleaseBot.Features.Help;

/// <summary>cards/help.json: every command in the reader's language, with Mine and Find buttons.</summary>
public static class HelpCard
{
    public const string Template = "help";

    public sealed record Data(IReadOnlyDictionary<string, string> T, IReadOnlyList<CommandLine> Commands);

    public sealed record CommandLine(string Command, string Description);

    public static Card Build(CardLibrary cards, Texts t) => cards.Bind(Template, new Data(
        Labels.Of(t, ("title", "help.title"), ("intro", "help.intro"), ("channels", "help.channels"), ("mine", "list.mine"), ("find", "list.all")),
        Command.Words.Select(w => new CommandLine(
            Command.WordFor(w.Kind, t.Language) + w.Kind switch
            {
                CommandKind.Find => t.Language == Language.PortugueseBrazil ? " [texto]" : " [text]",
                CommandKind.Open or CommandKind.Log or CommandKind.Flow => " REL-1001",
                _ => "",
            },
            t["help." + w.Kind.ToString().ToLowerInvariant()])).ToList()));
}
