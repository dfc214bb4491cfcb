using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;
using Stopwatch = System.Diagnostics.Stopwatch;
using TagList = System.Diagnostics.TagList;
using ActivityStatusCode = System.Diagnostics.ActivityStatusCode;
using ReleaseBot.Cards;
using ReleaseBot.Diagnostics;
using ReleaseBot.Features;
using ReleaseBot.Features.Help;
using ReleaseBot.Features.Sharing;
using ReleaseBot.Localization;
using ReleaseBot.Notifications;
using ReleaseBot.Persistence;

namespace ReleaseBot.Teams;

/// <summary>
/// The bot as Teams sees it: messages (typed commands, with the @mention removed in channels) and
/// Universal Actions (<c>adaptiveCard/action</c> invokes, answered with the next card in the invoke response),
/// both answered by the use case that <see cref="Routes"/> names.
/// </summary>
public sealed partial class TeamsBot(ReleaseDesk desk, CardLibrary cards, Routes routes, TimeProvider clock, ConversationDirectory directory,
    ReleaseInHandMemory memory, ReplySender replies, ReleaseBotDb db, IServiceProvider services, ILogger<TeamsBot> logger) : TeamsActivityHandler
{
    /// <summary>The message extension's search command and its parameter, as manifest/manifest.json declares them.</summary>
    public const string SearchCommand = "searchReleases";
    public const string SearchParameter = "searchText";

    /// <summary>
    /// Every activity first updates where the bot can write later; a message Teams delivers a second
    /// time (same activity id) is not answered again.
    /// </summary>
    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var activity = (Activity)turnContext.Activity;
        // Every log line of the turn names the activity and the conversation; none carries what people wrote.
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["ActivityId"] = activity.Id, ["ConversationId"] = activity.Conversation?.Id });
        using var trace = ReleaseBotTelemetry.Traces.StartActivity("releasebot.turn");
        trace?.SetTag("releasebot.activity.type", activity.Type);
        trace?.SetTag("releasebot.activity.id", activity.Id);
        var kind = activity.Type switch { ActivityTypes.Message => "message", ActivityTypes.Invoke => "action", _ => "other" };
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            await AnswerAsync(turnContext, activity, cancellationToken);
            outcome = "answered";
        }
        finally
        {
            var tags = new TagList { { "kind", kind }, { "outcome", outcome } };
            ReleaseBotTelemetry.Turns.Add(1, tags);
            ReleaseBotTelemetry.TurnDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
            if (outcome == "failed") trace?.SetStatus(ActivityStatusCode.Error);
        }
    }

    private async Task AnswerAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        await db.StartTurnAsync(cancellationToken);
        await directory.RememberAsync(activity, cancellationToken);
        var message = activity.Type == ActivityTypes.Message;
        if (message && !await directory.FirstDeliveryAsync(activity.Conversation?.Id, activity.Id, cancellationToken)) return;
        try
        {
            await base.OnTurnAsync(turnContext, cancellationToken);
        }
        catch when (message)
        {
            await directory.UnmarkAsync(activity.Conversation?.Id, activity.Id);
            throw;
        }
    }

    protected override async Task OnInstallationUpdateRemoveAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (ConversationDirectory.TargetOf(turnContext.Activity) is { } target) await directory.ForgetAsync(target, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var text = turnContext.Activity.RemoveRecipientMention();
        if (SharesOnlyACard(turnContext.Activity, text)) return;
        var turn = await TurnAsync(turnContext, cancellationToken);
        var reply = await routes.OnTextAsync(turn, text);
        await memory.KeepAsync(turnContext, turn.ReleaseInHand, cancellationToken);
        await replies.SendAsync(turnContext, TeamsReplies.ToActivity(reply), cancellationToken);
    }

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext,
        AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var turn = await TurnAsync(turnContext, cancellationToken);
        var reply = await routes.OnActionAsync(turn, invokeValue.Action?.Verb, invokeValue.Action?.Data as JObject);
        await memory.KeepAsync(turnContext, turn.ReleaseInHand, cancellationToken);
        return TeamsReplies.ToInvokeResponse(reply);
    }

    /// <summary>
    /// A card someone put in the chat from the compose box (the search's result), with no words of theirs: Teams marks
    /// its place in the text with markup only. It asks nothing of the bot.
    /// </summary>
    private static bool SharesOnlyACard(IMessageActivity message, string? text) =>
        message.Attachments?.Any(a => a.ContentType == CardLibrary.ContentType) == true && string.IsNullOrWhiteSpace(Markup().Replace(text ?? "", ""));

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex Markup();

    /// <summary>The compose box's search (<c>composeExtension/query</c>): with text, what "find" finds; empty (or on opening), what "mine" lists.</summary>
    protected override async Task<MessagingExtensionResponse> OnTeamsMessagingExtensionQueryAsync(ITurnContext<IInvokeActivity> turnContext,
        MessagingExtensionQuery query, CancellationToken cancellationToken)
    {
        var turn = await TurnAsync(turnContext, cancellationToken);
        if (query.CommandId != SearchCommand) return TeamsReplies.ToComposeMessage(turn.Texts["error.badAction"]);
        var text = query.Parameters?.FirstOrDefault(p => p.Name == SearchParameter)?.Value?.ToString();
        var found = await ReleaseSharing.SearchAsync(turn, text, query.QueryOptions?.Skip ?? 0, query.QueryOptions?.Count ?? ReleaseSharing.MaxResults,
            turnContext.Activity.From?.Id);
        return TeamsReplies.ToComposeResults(found);
    }

    /// <summary>A link to a release's canonical page, pasted in a message (<c>composeExtension/queryLink</c>): unfurled into its card; other links are left as they are.</summary>
    protected override async Task<MessagingExtensionResponse> OnTeamsAppBasedLinkQueryAsync(ITurnContext<IInvokeActivity> turnContext,
        AppBasedLinkQuery query, CancellationToken cancellationToken)
    {
        var turn = await TurnAsync(turnContext, cancellationToken);
        var release = await ReleaseSharing.UnfurlAsync(turn, query.Url, turnContext.Activity.From?.Id);
        return TeamsReplies.ToComposeResults(release is null ? [] : [release]);
    }

    /// <summary>
    /// Greets with the help card when the bot itself joins a conversation. Other members' arrivals need
    /// no answer, so the SDK's per-member roster look-ups are skipped.
    /// </summary>
    protected override async Task OnConversationUpdateActivityAsync(ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.MembersRemoved?.Any(m => m.Id == activity.Recipient?.Id) == true && ConversationDirectory.TargetOf(activity) is { } target)
            await directory.ForgetAsync(target, cancellationToken);
        if (activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) == true)
            await replies.SendAsync(turnContext, TeamsReplies.ToActivity(Reply.WithCard(HelpCard.Build(cards, Texts.ForLocale(((Activity)activity).Locale)))), cancellationToken);
    }

    private async Task<Turn> TurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var from = turnContext.Activity.From;
        var setup = await desk.SetupAsync(cancellationToken);
        var actor = setup.ActorOf(from?.AadObjectId ?? from?.Id ?? "", from?.Name ?? "?");
        return new Turn(Texts.ForLocale(turnContext.Activity.Locale), actor, desk, cards, clock, services, cancellationToken,
            ReaderZone.Of(turnContext.Activity.LocalTimezone, turnContext.Activity.LocalTimestamp), ConversationDirectory.TargetOf(turnContext.Activity))
        { ReleaseInHand = await memory.RecallAsync(turnContext, cancellationToken) }.WithSetup(setup);
    }
}
