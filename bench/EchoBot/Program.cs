using Microsoft.AspNetCore.Mvc;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Builder.TraceExtensions;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

// The SDK sample "02.echo-bot" on ASP.NET Core: controllers, a CloudAdapter with an error handler,
// ConfigurationBotFrameworkAuthentication, and an ActivityHandler that echoes every message.
// (The sample also calls AddNewtonsoftJson() for MVC's formatters, which this endpoint never uses:
// the adapter reads and writes the activity JSON itself.)
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpClient().AddControllers();
builder.Services.AddSingleton<BotFrameworkAuthentication, ConfigurationBotFrameworkAuthentication>();
// CloudAdapter's public constructors are ambiguous to the container: built by a factory.
builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => new EchoBot.AdapterWithErrorHandler(
    sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<IBotFrameworkHttpAdapter>>()));
builder.Services.AddTransient<IBot, EchoBot.EchoBot>();

var app = builder.Build();
app.UseRouting();
app.UseAuthorization();
app.MapControllers();
app.Run();

namespace EchoBot
{
    public sealed class EchoBot : ActivityHandler
    {
        protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
        {
            var replyText = $"Echo: {turnContext.Activity.Text}";
            await turnContext.SendActivityAsync(MessageFactory.Text(replyText, replyText), cancellationToken);
        }
    }

    public sealed class AdapterWithErrorHandler : CloudAdapter
    {
        public AdapterWithErrorHandler(BotFrameworkAuthentication auth, ILogger<IBotFrameworkHttpAdapter> logger)
            : base(auth, logger)
        {
            OnTurnError = async (turnContext, exception) =>
            {
                logger.LogError(exception, "[OnTurnError] unhandled error : {Message}", exception.Message);
                await turnContext.SendActivityAsync("The bot encountered an error or bug.");
                await turnContext.TraceActivityAsync("OnTurnError Trace", exception.Message, "https://www.botframework.com/schemas/error", "TurnError");
            };
        }
    }

    [Route("api/messages")]
    [ApiController]
    public sealed class BotController(IBotFrameworkHttpAdapter adapter, IBot bot) : ControllerBase
    {
        [HttpPost]
        [HttpGet]
        public Task PostAsync() => adapter.ProcessAsync(Request, Response, bot);
    }
}
