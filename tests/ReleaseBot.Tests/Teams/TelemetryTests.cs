using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ReleaseBot.Diagnostics;
using ReleaseBot.Hosting;
using ReleaseBot.Tests.Http;

namespace ReleaseBot.Tests.Teams;

/// <summary>What an operator sees: the bot's metrics, log lines that name the activity and conversation and never carry what people wrote.</summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();
        public ConcurrentQueue<(LogLevel Level, string Category, string Text, string Scopes)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;
        public void Dispose() { }

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopeText = new List<string>();
                owner.scopes.ForEachScope((scope, list) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs) list.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
                    else list.Add(scope?.ToString() ?? "");
                }, scopeText);
                owner.Lines.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : " " + exception), string.Join(";", scopeText)));
            }
        }
    }

    private readonly CapturedLogs logs = new();
    private readonly BotApp bot;

    public TelemetryTests() => bot = new BotApp(services => services.AddSingleton<ILoggerProvider>(logs));

    public Task InitializeAsync() => bot.InitializeAsync();
    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task Log_lines_of_a_turn_name_its_activity_and_conversation_and_never_what_the_person_wrote()
    {
        const string secret = "payments-password-hunter2";
        bot.Connector.FailNext(429, retryAfter: "0", method: "POST"); // the reply is retried: a log line inside the turn

        await bot.SayAsync(TeamsUser.Alex, "find " + secret);

        var turnLines = logs.Lines.Where(l => l.Category.StartsWith("ReleaseBot", StringComparison.Ordinal)).ToList();
        Assert.Contains(turnLines, l => l.Scopes.Contains("ActivityId=", StringComparison.Ordinal)
            && l.Scopes.Contains($"ConversationId={TeamsPlace.Personal(TeamsUser.Alex).ConversationId}", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Level >= LogLevel.Information && (l.Text.Contains(secret, StringComparison.Ordinal) || l.Scopes.Contains(secret, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Turns_and_refusals_are_counted_by_kind_outcome_and_reason()
    {
        var seen = new ConcurrentQueue<(string Instrument, long Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ReleaseBotTelemetry.Name) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            seen.Enqueue((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();

        var card = await bot.ClickForCardAsync(TeamsUser.Adele, "claim", new JObject { ["release"] = "REL-1001", ["revision"] = 999 });

        Assert.Contains("out of date", ReleaseBot.Tests.Support.CardReader.Text(card), StringComparison.Ordinal);
        Assert.Contains(seen, m => m.Instrument == "releasebot.turns" && m.Tags.Contains("kind=action") && m.Tags.Contains("outcome=answered"));
        Assert.Contains(seen, m => m.Instrument == "releasebot.refusals" && m.Tags == "reason=StaleCard");
    }

    [Fact]
    public void Traces_and_metrics_are_exported_only_when_an_OTLP_endpoint_is_configured()
    {
        static ServiceProvider With(params (string Key, string Value)[] settings) => new ServiceCollection()
            .AddLogging()
            .AddReleaseBotTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build())
            .BuildServiceProvider();

        using (var off = With())
        {
            Assert.Null(off.GetService<TracerProvider>());
            Assert.Null(off.GetService<MeterProvider>());
        }
        using var on = With(("Telemetry:OtlpEndpoint", "http://127.0.0.1:4317"));
        Assert.NotNull(on.GetService<TracerProvider>());
        Assert.NotNull(on.GetService<MeterProvider>());
    }
}
