using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>
/// Keeps the portal's warnings and errors (with exceptions) for the tests: a circuit that dies
/// shows in the browser only as "An unhandled error has occurred", the reason is here.
/// Also written to portal-log.txt beside the test assembly.
/// </summary>
public sealed class ServerLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly Lock _file = new();

    public static string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "portal-log.txt");

    public IReadOnlyList<string> Errors => _entries.Where(e => e.StartsWith("fail", StringComparison.Ordinal)).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The errors logged since <paramref name="mark"/> (a count of <see cref="Count"/> taken earlier).</summary>
    public string ErrorsSince(int mark) => string.Join("\n", _entries.Skip(mark).Where(e => e.StartsWith("fail", StringComparison.Ordinal)));

    public int Count => _entries.Count;

    private void Add(string entry)
    {
        _entries.Enqueue(entry);
        lock (_file)
            File.AppendAllText(FilePath, entry + "\n");
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var level = logLevel >= LogLevel.Error ? "fail" : "warn";
            log.Add($"{level}: {DateTime.UtcNow:HH:mm:ss.fff} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
        }
    }
}
