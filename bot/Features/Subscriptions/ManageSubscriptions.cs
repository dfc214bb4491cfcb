using ReleaseBot.Cards;
using ReleaseBot.Persistence;
using ReleaseBot.Domain;
using ReleaseBot.Notifications;

namespace ReleaseBot.Features.Subscriptions;

/// <summary>"subscribe", "unsubscribe" and "subscriptions": a channel chooses which release news it receives.</summary>
public sealed class ManageSubscriptions : IFeature
{
    public void Map(Routes routes) => routes
        .Command(CommandKind.Subscribe, SubscribeAsync)
        .Command(CommandKind.Unsubscribe, (turn, _) => UnsubscribeAsync(turn))
        .Command(CommandKind.Subscriptions, (turn, _) => ListAsync(turn))
        .Action(Unsubscribe.Verb, Unsubscribe.From, (turn, _) => UnsubscribeAsync(turn));

    private static readonly (NotificationEvent Event, string[] Names)[] EventNames =
    [
        (NotificationEvent.TaskAssigned, ["assigned", "atribuida"]),
        (NotificationEvent.ExecutionSaved, ["saved", "gravada"]),
        (NotificationEvent.FlowAdvanced, ["advanced", "avancada"]),
        (NotificationEvent.Resolved, ["resolved", "resolvida"]),
        (NotificationEvent.NotResolved, ["notresolved", "not-resolved", "naoresolvida", "nao-resolvida"]),
        (NotificationEvent.Registered, ["registered", "registrada"]),
        (NotificationEvent.Suspended, ["suspended", "suspensa"]),
        (NotificationEvent.Resumed, ["resumed", "retomada"]),
        (NotificationEvent.Cancelled, ["cancelled", "canceled", "cancelada"]),
        (NotificationEvent.Reopened, ["reopened", "reaberta"]),
        (NotificationEvent.HandedOver, ["handedover", "handed-over", "repassada"]),
        (NotificationEvent.Approved, ["approved", "aprovada"]),
        (NotificationEvent.Rejected, ["rejected", "reprovada"]),
        (NotificationEvent.Reminder, ["reminder", "lembrete"]),
        (NotificationEvent.Overdue, ["overdue", "atrasada"]),
        // Notes are not among "every event" (a pipeline may write many); a channel asks for them by name.
        (NotificationEvent.NoteAdded, ["note", "anotacao"]),
    ];

    public static async Task<Reply> SubscribeAsync(Turn turn, string filters)
    {
        if (ChannelOf(turn) is not { } target) return Reply.WithText(turn.Texts["subs.onlyChannels"]);
        var parsed = await ParseAsync(turn, filters);
        if (parsed.Problem is { } problem) return Reply.WithText(problem);
        var subscription = new ChannelSubscription
        {
            Target = target,
            ExecutorGroupId = parsed.GroupId,
            ReleaseType = parsed.Type,
            Events = parsed.Events,
            Language = turn.Texts.Language,
            CreatedBy = turn.Actor.Name,
        };
        var added = await turn.Service<NotificationChoices>().SubscribeAsync(subscription, turn.Cancellation);
        var notice = added
            ? new Notice(NoticeKind.Success, turn.Texts.Format("subs.subscribed", await DescribeAsync(turn, subscription)))
            : new Notice(NoticeKind.Information, turn.Texts["subs.already"]);
        return await ListAsync(turn, notice);
    }

    public static async Task<Reply> UnsubscribeAsync(Turn turn)
    {
        if (ChannelOf(turn) is not { } target) return Reply.WithText(turn.Texts["subs.onlyChannels"]);
        var removed = await turn.Service<NotificationChoices>().UnsubscribeAsync(target, turn.Cancellation);
        return await ListAsync(turn, new Notice(NoticeKind.Success, turn.Texts.Format("subs.unsubscribed", removed)));
    }

    public static async Task<Reply> ListAsync(Turn turn, Notice? notice = null)
    {
        if (ChannelOf(turn) is not { } target) return Reply.WithText(turn.Texts["subs.onlyChannels"]);
        var subscriptions = await turn.Service<NotificationChoices>().SubscriptionsAsync(target, turn.Cancellation);
        var lines = new List<string>();
        foreach (var subscription in subscriptions) lines.Add(await DescribeAsync(turn, subscription));
        return Reply.WithCard(SubscriptionsCard.Build(turn.Cards, turn.Texts, lines, notice));
    }

    private static string? ChannelOf(Turn turn) => turn.Place is { } place && NotificationTarget.IsChannel(place) ? place : null;

    private sealed record Filters(int? GroupId, string? Type, NotificationEvent Events, string? Problem = null);

    /// <summary>"group &lt;name&gt; type &lt;type&gt; events &lt;a,b&gt;", in English or Portuguese, every part optional.</summary>
    private static async Task<Filters> ParseAsync(Turn turn, string text)
    {
        var t = turn.Texts;
        var parts = new Dictionary<string, List<string>>();
        string? current = null;
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var keyword = SearchText.Normalize(token) switch { "group" or "grupo" => "group", "type" or "tipo" => "type", "events" or "eventos" => "events", _ => null };
            if (keyword is not null) parts[current = keyword] = [];
            else if (current is null) return new Filters(null, null, NotificationEvent.None, t.Format("subs.usage", PlainText.Echo(text)));
            else parts[current].Add(token);
        }

        int? groupId = null;
        if (parts.TryGetValue("group", out var groupWords))
        {
            var name = string.Join(' ', groupWords);
            var groups = (await turn.SetupAsync()).GroupNames;
            var match = groups.FirstOrDefault(g => string.Equals(g.Value, name, StringComparison.OrdinalIgnoreCase));
            if (match.Value is null) return new Filters(null, null, NotificationEvent.None, t.Format("subs.unknownGroup", PlainText.Echo(name), PlainText.Escape(string.Join(", ", groups.Values.Order()))));
            groupId = match.Key;
        }
        string? type = null;
        if (parts.TryGetValue("type", out var typeWords))
        {
            var name = string.Join(' ', typeWords);
            var types = await turn.Desk.ReleaseTypesAsync(turn.Cancellation);
            type = types.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (type is null) return new Filters(null, null, NotificationEvent.None, t.Format("subs.unknownType", PlainText.Echo(name), PlainText.Escape(string.Join(", ", types))));
        }
        var events = NotificationEvent.All;
        if (parts.TryGetValue("events", out var eventWords))
        {
            events = NotificationEvent.None;
            foreach (var name in string.Join(',', eventWords).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var normalized = SearchText.Normalize(name);
                var found = EventNames.FirstOrDefault(e => e.Names.Contains(normalized));
                if (found.Names is null)
                    return new Filters(null, null, NotificationEvent.None, t.Format("subs.unknownEvent", PlainText.Echo(name),
                        string.Join(", ", EventNames.Select(e => e.Names[t.Language == Language.PortugueseBrazil ? 1 : 0]))));
                events |= found.Event;
            }
            if (events == NotificationEvent.None) events = NotificationEvent.All;
        }
        return new Filters(groupId, type, events);
    }

    private static async Task<string> DescribeAsync(Turn turn, ChannelSubscription subscription)
    {
        var t = turn.Texts;
        var groups = (await turn.SetupAsync()).GroupNames;
        var group = subscription.ExecutorGroupId is { } id && groups.TryGetValue(id, out var name) ? PlainText.Escape(name) : t["subs.anyGroup"];
        var events = string.Join(", ", EventNames.Where(e => subscription.Events.HasFlag(e.Event)).Select(e => t["event." + e.Event]));
        return t.Format("subs.line", group, subscription.ReleaseType is { } type ? PlainText.Escape(type) : t["subs.anyType"], events);
    }
}

