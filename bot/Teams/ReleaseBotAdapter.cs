using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using ReleaseBot.Features;
using ReleaseBot.Localization;

namespace ReleaseBot.Teams;

/// <summary>
/// The SDK's CloudAdapter, with one answer for failures: the error is logged, the person is told in
/// their language that nothing changed, and a card action still gets a well-formed invoke response.
/// </summary>
public sealed class ReleaseBotAdapter : CloudAdapter
{
    public ReleaseBotAdapter(BotFrameworkAuthentication auth, ILogger<ReleaseBotAdapter> logger)
        : base(auth, logger)
    {
        OnTurnError = async (turnContext, exception) =>
        {
            logger.LogError(exception, "Turn failed for activity {ActivityType} {ActivityId}", turnContext.Activity.Type, turnContext.Activity.Id);
            var reply = Reply.WithText(Texts.ForLocale(turnContext.Activity.Locale)["error.generic"]);
            try
            {
                if (turnContext.Activity.Type == ActivityTypes.Invoke)
                    await turnContext.SendActivityAsync(new Activity
                    {
                        Type = ActivityTypesEx.InvokeResponse,
                        Value = new InvokeResponse { Status = 200, Body = TeamsReplies.ToInvokeResponse(reply) },
                    });
                else
                    await turnContext.SendActivityAsync(TeamsReplies.ToActivity(reply));
            }
            catch (Exception sendFailure)
            {
                logger.LogError(sendFailure, "Could not tell the user about the failure");
            }
        };
    }
}
