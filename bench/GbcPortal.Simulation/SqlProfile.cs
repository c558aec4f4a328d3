using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GbcPortal.Simulation;

/// <summary>With GBC_SIMULATION_SQL_PROFILE=1: EF Core's executed-command log totalled by statement (time and count).</summary>
public sealed class SqlProfile : ILoggerProvider, ILogger
{
    public static readonly ConcurrentDictionary<string, (int Count, double Ms)> Totals = new();

    public ILogger CreateLogger(string categoryName) => categoryName == "Microsoft.EntityFrameworkCore.Database.Command" ? this : NullLog.Instance;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            var d = values.ToDictionary(v => v.Key, v => v.Value);
            if (d.TryGetValue("elapsed", out var e) && d.TryGetValue("commandText", out var t))
            {
                var ms = double.Parse((string)e!, System.Globalization.CultureInfo.InvariantCulture);
                Totals.AddOrUpdate((string)t!, (1, ms), (_, old) => (old.Count + 1, old.Ms + ms));
            }
        }
    }

    public void Dispose()
    {
    }

    private sealed class NullLog : ILogger
    {
        public static readonly NullLog Instance = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => false;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) { }
    }
}
