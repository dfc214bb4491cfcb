using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ReleaseBot.Tests.Http;

/// <summary>Everything the app logs, as it would be written: level, category, the formatted message and the exception.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception)
    {
        /// <summary>The entry as a console line would show it, with the exception (and its stack trace) when there is one.</summary>
        public string Written => Exception is null ? Message : Message + Environment.NewLine + Exception;
    }

    private readonly ConcurrentQueue<Entry> entries = new();

    public IReadOnlyList<Entry> Entries => entries.ToList();

    /// <summary>Forgets what was logged so far.</summary>
    public void Clear() => entries.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) logs.entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), exception));
        }
    }
}
