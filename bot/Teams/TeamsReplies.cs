using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using ReleaseBot.Cards;
using ReleaseBot.Features;
using ReleaseBot.Features.Sharing;

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

    /// <summary>The answer to a compose-box search or a link to unfurl: each release's preview, and the card that goes in the chat.</summary>
    public static MessagingExtensionResponse ToComposeResults(IEnumerable<ReleaseSharing.Shared> shared) => new()
    {
        ComposeExtension = new MessagingExtensionResult
        {
            Type = "result",
            AttachmentLayout = AttachmentLayoutTypes.List,
            Attachments = [.. shared.Select(s => new MessagingExtensionAttachment
            {
                ContentType = CardLibrary.ContentType,
                Content = s.Card.Content,
                Preview = new ThumbnailCard { Title = s.Heading, Text = s.Summary }.ToAttachment(),
            })],
        },
    };

    /// <summary>A line of text in place of results, e.g. why the bot cannot search.</summary>
    public static MessagingExtensionResponse ToComposeMessage(string text) => new()
    {
        ComposeExtension = new MessagingExtensionResult { Type = "message", Text = PlainText.FromMarkdown(text) },
    };
}
