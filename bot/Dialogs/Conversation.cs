using System.Globalization;
using Newtonsoft.Json.Linq;
using ReleaseBot.Domain;

namespace ReleaseBot.Dialogs;

/// <summary>
/// Routes what a person types, and the card actions they click, to the conversation step that answers.
/// Card actions carry everything they need (verb, release key, the revision seen), so no state is kept between turns.
/// </summary>
public static class Conversation
{
    // NUL characters are dropped from what people type: no one means them, and PostgreSQL refuses them in text.
    public static Task<Reply> OnTextAsync(Turn turn, string? text)
    {
        var command = Command.Parse(text?.Replace("\0", ""));
        if (command.Argument.Length == 0 && command.Kind is CommandKind.Open or CommandKind.Log or CommandKind.Flow && turn.ReleaseInHand is { } inHand)
            command = command with { Argument = inHand };
        return command.Kind switch
        {
            CommandKind.Help => Task.FromResult(Reply.WithCard(turn.Cards.Help(turn.T))),
            CommandKind.Find => FindReleasesStep.FindAsync(turn, command.Argument, 1),
            CommandKind.Mine => FindReleasesStep.MineAsync(turn, 1),
            CommandKind.Open or CommandKind.Log or CommandKind.Flow when !ReleaseKey.TryParse(command.Argument, out _) =>
                Task.FromResult(command.Argument.Length == 0
                    ? Reply.WithText(turn.T.Format("hint.needsKey", Command.WordFor(command.Kind, turn.T.Language)))
                    : turn.NotFound(command.Argument)),
            CommandKind.Open => OpenReleaseStep.OpenAsync(turn, Key(command.Argument)),
            CommandKind.Log => ExecutionLogStep.ShowAsync(turn, Key(command.Argument), 1),
            CommandKind.Flow => ViewFlowStep.ShowAsync(turn, Key(command.Argument)),
            CommandKind.Subscribe => SubscriptionsStep.SubscribeAsync(turn, command.Argument),
            CommandKind.Unsubscribe => SubscriptionsStep.UnsubscribeAsync(turn),
            CommandKind.Subscriptions => SubscriptionsStep.ListAsync(turn),
            CommandKind.NotifyMe => NotifyMeStep.ToggleAsync(turn),
            _ => Task.FromResult(Reply.WithText(turn.T.Format("hint.unknown", Shorten(command.Argument)))),
        };
    }

    public static Task<Reply> OnActionAsync(Turn turn, string? verb, JObject? data)
    {
        data ??= [];
        // The release travels as "release", not "key": some Teams clients drop clicks whose data has a "key".
        var key = ReleaseKey.TryParse(Text(data, "release"), out var k) ? k : null;
        var revision = Number(data, "revision");
        var page = Number(data, "page") ?? 1;
        var search = LinkItemsStep.Search.From(Text(data, "searchKind"), Text(data, "searchText"));
        return (verb, key, revision) switch
        {
            (FindReleasesStep.FindVerb, _, _) => FindReleasesStep.FindAsync(turn, Text(data, "query") ?? "", page),
            (FindReleasesStep.MineVerb, _, _) => FindReleasesStep.MineAsync(turn, page),
            ("unsubscribe", _, _) => SubscriptionsStep.UnsubscribeAsync(turn),
            (_, null, _) => BadAction(turn),
            ("open", { } key1, _) => OpenReleaseStep.OpenAsync(turn, key1),
            ("details" or "refresh", { } key1, _) => OpenReleaseStep.DetailsAsync(turn, key1),
            ("cancel", { } key1, _) => ConfirmAssignmentStep.CancelAsync(turn, key1),
            ("log", { } key1, _) => ExecutionLogStep.ShowAsync(turn, key1, page),
            ("flow", { } key1, _) => ViewFlowStep.ShowAsync(turn, key1),
            ("form", { } key1, _) => ExecutionFormStep.ShowAsync(turn, key1),
            ("links", { } key1, _) => LinkItemsStep.ShowAsync(turn, key1, search),
            (_, _, null) => BadAction(turn),
            ("claim", { } key1, { } seen) => ConfirmAssignmentStep.ConfirmAsync(turn, key1, seen),
            ("save" or "advance", { } key1, { } seen) => ExecutionFormStep.SaveAsync(turn, key1, seen,
                new ClosureForm(Text(data, "situation"), Text(data, "category"), Text(data, "information"), Text(data, "releaseDate")), advance: verb == "advance"),
            ("link", { } key1, { } seen) when Enum.TryParse<CatalogKind>(Text(data, "linkKind"), out var kind) && Enum.IsDefined(kind) && kind != CatalogKind.Person && !int.TryParse(Text(data, "linkKind"), out _) =>
                Number(data, "itemId") is { } itemId
                    ? LinkItemsStep.LinkAsync(turn, key1, seen, kind.LinkOf(), itemId, null, search)
                    : LinkItemsStep.ShowAsync(turn, key1, search, "links.chooseItem"),
            ("linkRole", { } key1, { } seen) => LinkItemsStep.LinkAsync(turn, key1, seen, LinkKind.Role, Number(data, "rolePerson") ?? 0, Text(data, "roleName"), search),
            ("unlink", { } key1, { } seen) => Number(data, "linkId") is { } linkId
                ? LinkItemsStep.UnlinkAsync(turn, key1, seen, linkId, search)
                : LinkItemsStep.ShowAsync(turn, key1, search, "links.chooseLink"),
            _ => BadAction(turn),
        };
    }

    private static Task<Reply> BadAction(Turn turn) => Task.FromResult(Reply.WithText(turn.T["error.badAction"]));

    private static string Key(string argument) => ReleaseKey.TryParse(argument, out var key) ? key : argument;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";

    private static string? Text(JObject data, string name) => data[name] is { Type: not JTokenType.Null and not JTokenType.Object and not JTokenType.Array } token ? token.ToString().Replace("\0", "") : null;

    private static int? Number(JObject data, string name) =>
        int.TryParse(Text(data, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
