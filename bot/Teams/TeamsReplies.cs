using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using ReleaseBot.Cards;
using ReleaseBot.Features;

namespace ReleaseBot.Teams;

/// <summary>
/// A use case's reply as Teams takes it: a message activity, or the response to an <c>adaptiveCard/action</c> invoke.
/// Teams shows an invoke's message response as it is, in a pop-up, so its text loses its markdown there.
/// </summary>
public static class TeamsReplies
{
    public static IActivity ToActivity(Reply reply) => reply.Card is { } card
        ? MessageFactory.Attachment(new Attachment { ContentType = CardLibrary.ContentType, Content = card.Content })
        : MessageFactory.Text(reply.Text);

    public static AdaptiveCardInvokeResponse ToInvokeResponse(Reply reply) => reply.Card is { } card
        ? new AdaptiveCardInvokeResponse { StatusCode = 200, Type = CardLibrary.ContentType, Value = card.Content }
        : new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = PlainText.FromMarkdown(reply.Text) };
}
