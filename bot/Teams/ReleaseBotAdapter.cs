using System.Text.RegularExpressions;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using System.Text.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ReleaseBot.Features;
using ReleaseBot.Localization;

namespace ReleaseBot.Teams;

/// <summary>
/// The SDK's CloudAdapter, answering <c>POST /api/messages</c> in this order: the body read once (413 when too large, 400
/// when it is no activity); the token checked by the SDK (401 for any token it refuses, whatever IdentityModel throws); the
/// activity checked for what an answer needs (400); its serviceUrl trusted, vouched for by the token or on the allow-list
/// (403); only then the turn. A failing turn has one answer: the error is logged, the person is told in their language that
/// nothing changed, and a card action still gets a well-formed invoke response.
/// </summary>
public sealed partial class ReleaseBotAdapter : CloudAdapter
{
    private readonly BotEndpointSettings settings;
    private readonly TrustedServiceUrls trusted;
    private readonly ILogger<ReleaseBotAdapter> logger;
    private readonly ConnectorPoster poster;

    public ReleaseBotAdapter(BotFrameworkAuthentication auth, IOptions<BotEndpointSettings> settings, ConnectorPoster poster, ILogger<ReleaseBotAdapter> logger)
        : base(auth, logger)
    {
        this.settings = settings.Value;
        this.logger = logger;
        this.poster = poster;
        trusted = new TrustedServiceUrls(this.settings.TrustedServiceUrls);
        OnTurnError = async (turnContext, exception) =>
        {
            logger.LogError(exception, "Turn failed for activity {ActivityType} {ActivityId}", turnContext.Activity.Type, turnContext.Activity.Id);
            if (IsConnectorTimeout(exception))
            {
                // The connector did not answer in time: an apology through it would hold the request as long again.
                logger.LogWarning("No apology sent for activity {ActivityId}: the connector did not answer within {Timeout}", turnContext.Activity.Id, this.settings.ConnectorTimeout);
                return;
            }
            var reply = Reply.WithText(Texts.ForLocale(turnContext.Activity.Locale)["error.generic"]);
            try
            {
                if (turnContext.Activity.Type == ActivityTypes.Invoke)
                    await turnContext.SendActivityAsync(new Activity
                    {
                        Type = ActivityTypesEx.InvokeResponse,
                        Value = new InvokeResponse
                        {
                            Status = 200,
                            Body = turnContext.Activity.Name?.StartsWith("composeExtension/", StringComparison.Ordinal) == true
                                ? TeamsReplies.ToComposeMessage(reply.Text!) : TeamsReplies.ToInvokeResponse(reply),
                        },
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

    /// <summary>Answers one <c>POST /api/messages</c>.</summary>
    public async Task ProcessAsync(HttpContext http, IBot bot)
    {
        var ct = http.RequestAborted;
        var (activity, refusal) = await InboundActivity.ReadAsync(http.Request, settings.MaxActivityBytes, ct);
        if (refusal is not null)
        {
            logger.LogInformation("Refused a request to {Path}: {Problem}", http.Request.Path, OneLine(DetailOf(refusal)));
            await refusal.ExecuteAsync(http);
            return;
        }

        AuthenticateRequestResult authentication;
        try
        {
            authentication = await BotFrameworkAuthentication.AuthenticateRequestAsync(activity!, http.Request.Headers.Authorization, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await RefuseAuthenticationAsync(http, activity!, e);
            return;
        }

        if (InboundActivity.Check(activity!) is { } malformed)
        {
            logger.LogInformation("Refused activity {ActivityType} {ActivityId}: {Problem}", OneLine(activity!.Type), OneLine(activity.Id), OneLine(DetailOf(malformed)));
            await malformed.ExecuteAsync(http);
            return;
        }

        var serviceUrl = InboundActivity.ServiceUrlOf(activity!)!;
        var vouched = authentication.ClaimsIdentity?.FindFirst(AuthenticationConstants.ServiceUrlClaim)?.Value is { } claim
            && string.Equals(claim, activity!.ServiceUrl, StringComparison.OrdinalIgnoreCase);
        if (!vouched && !trusted.Allows(serviceUrl))
        {
            logger.LogWarning("Refused activity {ActivityType} {ActivityId}: its serviceUrl host {Host} is not trusted (Bot:TrustedServiceUrls)",
                OneLine(activity!.Type), OneLine(activity.Id), OneLine(serviceUrl.Host));
            await InboundActivity.Untrusted(serviceUrl).ExecuteAsync(http);
            return;
        }

        var invokeResponse = await ProcessActivityAsync(authentication, activity!, bot.OnTurnAsync, ct);
        await WriteAsync(http.Response, invokeResponse, ct);
    }

    /// <summary>
    /// A turn's messages, posted by <see cref="ConnectorPoster"/> through the turn's connector client; what is not for the
    /// connector (the invoke response, a delay, a trace) the SDK handles.
    /// </summary>
    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        var responses = new ResourceResponse[activities.Length];
        for (var i = 0; i < activities.Length; i++)
        {
            var activity = activities[i];
            if (activity.Type is ActivityTypesEx.InvokeResponse or ActivityTypesEx.Delay or ActivityTypes.Trace
                || turnContext.TurnState.Get<Microsoft.Bot.Connector.IConnectorClient>() is not { } connector)
            {
                responses[i] = (await base.SendActivitiesAsync(turnContext, [activity], cancellationToken))[0];
                continue;
            }
            activity.Id = null;
            responses[i] = await poster.PostAsync(connector, activity, cancellationToken);
        }
        return responses;
    }

    /// <summary>The SDK's serializer settings, but compact: the SDK writes invoke responses (whole cards) indented.</summary>
    private static readonly JsonSerializerSettings CompactBody = new(HttpHelper.BotMessageSerializerSettings) { Formatting = Formatting.None };

    private static async Task WriteAsync(HttpResponse response, InvokeResponse? invokeResponse, CancellationToken ct)
    {
        response.StatusCode = invokeResponse?.Status ?? StatusCodes.Status200OK;
        if (invokeResponse?.Body is not { } body) return;
        response.ContentType = "application/json; charset=utf-8";
        if (body is AdaptiveCardInvokeResponse { Value: JRaw card } answer)
        {
            // A card answer (nearly every invoke): its JSON goes out as it is, with no text copy of the whole body.
            await using (var writer = new Utf8JsonWriter(response.BodyWriter))
            {
                writer.WriteStartObject();
                writer.WriteNumber("statusCode", answer.StatusCode);
                writer.WriteString("type", answer.Type);
                writer.WritePropertyName("value");
                writer.WriteRawValue((string)card.Value!, skipInputValidation: true);
                writer.WriteEndObject();
            }
            await response.BodyWriter.FlushAsync(ct);
            return;
        }
        await response.WriteAsync(JsonConvert.SerializeObject(body, CompactBody), ct);
    }

    /// <summary>
    /// Whatever the SDK or IdentityModel throws for a token (UnauthorizedAccessException, SecurityToken*Exception,
    /// ArgumentException for a malformed one…) is a 401 with one warning line, without the token or a stack trace; only when
    /// the signing keys cannot be read is it the bot's fault (503, so the channel retries).
    /// </summary>
    private async Task RefuseAuthenticationAsync(HttpContext http, Activity activity, Exception failure)
    {
        if (KeysUnavailable(failure))
        {
            logger.LogError("Could not verify the token of activity {ActivityType} {ActivityId}: the signing keys could not be read: {Reason}",
                OneLine(activity.Type), OneLine(activity.Id), OneLine(Innermost(failure)));
            await InboundActivity.KeysUnavailable().ExecuteAsync(http);
            return;
        }
        logger.LogWarning("Refused activity {ActivityType} {ActivityId} from {RemoteAddress}: authentication failed: {Reason}",
            OneLine(activity.Type), OneLine(activity.Id), http.Connection.RemoteIpAddress?.ToString() ?? "an unknown address", OneLine($"{failure.GetType().Name}: {failure.Message}"));
        http.Response.Headers.WWWAuthenticate = "Bearer";
        await InboundActivity.Unauthenticated().ExecuteAsync(http);
    }

    private static bool KeysUnavailable(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
            if (e is HttpRequestException or IOException or TimeoutException || e.Message.StartsWith("IDX20803", StringComparison.Ordinal))
                return true;
        return false;
    }

    private static bool IsConnectorTimeout(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is TimeoutException) return true;
        return false;
    }

    private static string Innermost(Exception failure)
    {
        var e = failure;
        while (e.InnerException is not null) e = e.InnerException;
        return $"{e.GetType().Name}: {e.Message}";
    }

    private static string? DetailOf(IResult result) => (result as IValueHttpResult)?.Value is Microsoft.AspNetCore.Mvc.ProblemDetails problem ? problem.Detail : null;

    /// <summary>Text fit for one log line: no line breaks or other control characters, nothing shaped like a JWT, at most 300 characters.</summary>
    internal static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var line = ControlCharacters().Replace(JwtLike().Replace(text, "[token]"), " ");
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    [GeneratedRegex(@"\p{C}+")]
    private static partial Regex ControlCharacters();

    [GeneratedRegex(@"eyJ[\w-]*(\.[\w-]*){1,2}")]
    private static partial Regex JwtLike();
}
