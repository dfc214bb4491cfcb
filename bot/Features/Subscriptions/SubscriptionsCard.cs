using ReleaseBot.Cards;
using ReleaseBot.Localization;

namespace ReleaseBot.Features.Subscriptions;

/// <summary>cards/subscriptions.json: the channel's subscriptions, one line each, with Unsubscribe.</summary>
public static class SubscriptionsCard
{
    public const string Template = "subscriptions";

    public sealed record Data(IReadOnlyDictionary<string, string> T, bool HasSubscriptions, IReadOnlyList<Entry> Subscriptions);

    public sealed record Entry(int Number, string Line);

    public static Card Build(CardLibrary cards, Texts t, IReadOnlyList<string> lines, Notice? notice = null) => cards.Bind(Template, new Data(
        Labels.Of(t, ("title", "subs.title"), ("none", "subs.none"), ("unsubscribe", "subs.unsubscribeAll")),
        lines.Count > 0,
        lines.Select((line, i) => new Entry(i + 1, line)).ToList()), notice);
}
