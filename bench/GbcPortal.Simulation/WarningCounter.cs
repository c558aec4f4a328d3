using Microsoft.Extensions.Logging;

namespace GbcPortal.Simulation;

/// <summary>Counts what the portal's services log at Warning or above, and shows the first few.</summary>
public sealed class WarningCounter(TextWriter? output) : ILoggerProvider, ILogger
{
    private const int Shown = 10;
    private int count;

    public int Count => count;

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        if (Interlocked.Increment(ref count) <= Shown)
        {
            output?.WriteLine($"portal {logLevel}: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}");
        }
    }

    public void Dispose()
    {
    }
}
