using Newtonsoft.Json.Linq;
using ReleaseBot.Cards;

namespace ReleaseBot.Features;

/// <summary>
/// Where each typed command and each card verb is answered. Built once at start-up from every <see cref="IFeature"/>;
/// a verb or command mapped twice stops the start. A card action's data is parsed into its typed record before its
/// handler runs; data that does not parse gets a clear refusal and changes nothing.
/// </summary>
public sealed class Routes
{
    private readonly Dictionary<string, Func<Turn, CardActionData, Task<Reply>>> actions = new(StringComparer.Ordinal);
    private readonly HashSet<string> apiOnlyVerbs = new(StringComparer.Ordinal);
    private readonly Dictionary<CommandKind, Func<Turn, string, Task<Reply>>> commands = [];

    /// <summary>Every verb a card action may carry.</summary>
    public IReadOnlyCollection<string> Verbs => actions.Keys;

    /// <summary>Verbs that no template carries: Teams or our own code sends them (e.g. a card's refresh).</summary>
    public IReadOnlySet<string> ApiOnlyVerbs => apiOnlyVerbs;

    public IReadOnlyCollection<CommandKind> Commands => commands.Keys;

    /// <summary>Every feature of this assembly, mapped.</summary>
    public static Routes OfAllFeatures()
    {
        var routes = new Routes();
        foreach (var type in typeof(IFeature).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IFeature).IsAssignableFrom(t)).OrderBy(t => t.FullName))
            ((IFeature)Activator.CreateInstance(type)!).Map(routes);
        return routes;
    }

    /// <summary>Answers a card verb: <paramref name="parse"/> reads the action's record from the data (null: the data is not one).</summary>
    public Routes Action<TAction>(string verb, Func<CardActionData, TAction?> parse, Func<Turn, TAction, Task<Reply>> answer, bool apiOnly = false)
        where TAction : class
    {
        if (!actions.TryAdd(verb, (turn, data) => parse(data) is { } action ? answer(turn, action) : BadActionAsync(turn)))
            throw new InvalidOperationException($"The card verb '{verb}' is mapped twice.");
        if (apiOnly) apiOnlyVerbs.Add(verb);
        return this;
    }

    /// <summary>Answers a typed command; the handler gets the command's argument.</summary>
    public Routes Command(CommandKind kind, Func<Turn, string, Task<Reply>> answer)
    {
        if (!commands.TryAdd(kind, answer)) throw new InvalidOperationException($"The command {kind} is mapped twice.");
        return this;
    }

    public Task<Reply> OnActionAsync(Turn turn, string? verb, JObject? data) =>
        verb is not null && actions.TryGetValue(verb, out var answer) ? answer(turn, new CardActionData(data)) : BadActionAsync(turn);

    // NUL characters are dropped from what people type: no one means them, and PostgreSQL refuses them in text.
    public Task<Reply> OnTextAsync(Turn turn, string? text)
    {
        var command = Features.Command.Parse(text?.Replace("\0", ""));
        if (command.Argument.Length == 0 && command.Kind is CommandKind.Open or CommandKind.Log or CommandKind.Flow && turn.ReleaseInHand is { } inHand)
            command = command with { Argument = inHand };
        return commands.TryGetValue(command.Kind, out var answer)
            ? answer(turn, command.Argument)
            : Task.FromResult(Reply.WithText(turn.Texts.Format("hint.unknown", PlainText.Echo(command.Argument))));
    }

    private static Task<Reply> BadActionAsync(Turn turn) => Task.FromResult(Reply.WithText(turn.Texts["error.badAction"]));
}
