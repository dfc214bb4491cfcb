using ReleaseBot.Cards;
using ReleaseBot.Notifications;

namespace ReleaseBot.Features.Subscriptions;

/// <summary>"notify me": personal messages when a task waits for one of the person's groups, on or off.</summary>
public sealed class NotifyMe : IFeature
{
    public void Map(Routes routes) => routes.Command(CommandKind.NotifyMe, (turn, _) => ToggleAsync(turn));

    public static async Task<Reply> ToggleAsync(Turn turn)
    {
        if (turn.Actor.GroupIds.Count == 0) return Reply.WithText(turn.Texts["notify.noGroups"]);
        var on = await turn.Service<NotificationChoices>().ToggleOptInAsync(turn.Actor.AadObjectId, turn.Cancellation);
        if (!on) return Reply.WithText(turn.Texts["notify.off"]);
        var groups = (await turn.SetupAsync()).GroupNames;
        return Reply.WithText(turn.Texts.Format("notify.on", PlainText.Escape(string.Join(", ", turn.Actor.GroupIds.Select(g => groups[g]).Order()))));
    }
}
