using System.Data.Common;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GbcPortal.Benchmarks.Scale;

/// <summary>
/// `-- --scale-plans 50000 [Sqlite|Postgres]`: runs each benchmarked operation once on the scale database and prints
/// every query it makes with its plan (SQLite's EXPLAIN QUERY PLAN; PostgreSQL's EXPLAIN (ANALYZE, BUFFERS), which runs
/// it: the index each one uses, the rows and pages it reads), and its time; then each /staff panel's median.
/// </summary>
internal static class QueryPlans
{
    public static void Run(string[] args)
    {
        var links = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 50_000;
        var provider = args.Length > 1 ? Enum.Parse<DatabaseProvider>(args[1], ignoreCase: true) : DatabaseProvider.Sqlite;
        var bench = new ScaleBenchmarks { Links = links, Provider = provider };
        bench.Setup(services =>
        {
            if (provider == DatabaseProvider.Postgres)
                services.ConfigureDbContext<PostgresPortalDbContext>(o => o.AddInterceptors(Explainer.Instance));
            else
                services.ConfigureDbContext<SqlitePortalDbContext>(o => o.AddInterceptors(Explainer.Instance));
        });
        try
        {
            Console.WriteLine($"==== rows ({provider}): {bench.DescribeRows()}");
            foreach (var (name, operation) in new (string, Func<Task<int>>)[]
                     {
                         ("dispatcher: claim and send one", bench.DispatcherClaim),
                         ("/staff", bench.StaffOverview),
                         ("/services", bench.ServicesPage),
                     })
            {
                Console.WriteLine($"==== {name} ({links:N0} links, {provider})");
                Explainer.Instance.On = true;
                operation().GetAwaiter().GetResult();
                Explainer.Instance.On = false;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                operation().GetAwaiter().GetResult();
                Console.WriteLine($"==== {name}: {clock.Elapsed.TotalMilliseconds:F1} ms (second run, without EXPLAIN)");
            }

            // /staff panel by panel: the median of a few runs each, a quick look before the benchmark's figures.
            Console.WriteLine($"==== /staff by panel ({links:N0} links, {provider}), median of 21 runs");
            foreach (var (name, panel) in new (string, Func<Task<int>>)[]
                     {
                         ("overview", bench.StaffPanelOverview), ("traffic", bench.StaffPanelTraffic), ("holds", bench.StaffPanelHolds),
                         ("reviews", bench.StaffPanelReviews), ("capacity", bench.StaffPanelCapacity), ("charts", bench.StaffPanelCharts),
                         ("whole page", bench.StaffOverview), ("/services", bench.ServicesPage),
                     })
            {
                var times = Enumerable.Range(0, 21).Select(_ =>
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    panel().GetAwaiter().GetResult();
                    return clock.Elapsed.TotalMilliseconds;
                }).Order().ToList();
                Console.WriteLine($"   {name}: {times[10]:F1} ms (min {times[0]:F1}, max {times[^1]:F1})");
            }
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private sealed class Explainer : DbCommandInterceptor
    {
        public static Explainer Instance { get; } = new();

        public bool On { get; set; }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Explain(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Explain(command);
            return ValueTask.FromResult(result);
        }

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            Took(eventData);
            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            Took(eventData);
            return ValueTask.FromResult(result);
        }

        // Until the first row: on SQLite that is where an aggregate or a sort does its work.
        private void Took(CommandExecutedEventData eventData)
        {
            if (On)
                Console.WriteLine($"   took {eventData.Duration.TotalMilliseconds:F1} ms to the first row");
        }

        private void Explain(DbCommand command)
        {
            if (!On || !command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                return;
            Console.WriteLine("-- " + command.CommandText.ReplaceLineEndings(" "));
            using var explain = command.Connection!.CreateCommand();
            explain.Transaction = command.Transaction;
            var postgres = explain is Npgsql.NpgsqlCommand;
            // PostgreSQL runs the query to show what it read (a SELECT … FOR UPDATE locks, in the transaction that then makes it).
            explain.CommandText = (postgres ? "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " : "EXPLAIN QUERY PLAN ") + command.CommandText;
            foreach (DbParameter parameter in command.Parameters)
            {
                if (parameter is Npgsql.NpgsqlParameter npgsql)
                {
                    explain.Parameters.Add(npgsql.Clone()); // keeps its PostgreSQL type (arrays for IN lists)
                    continue;
                }
                var copy = explain.CreateParameter();
                (copy.ParameterName, copy.Value, copy.DbType) = (parameter.ParameterName, parameter.Value, parameter.DbType);
                explain.Parameters.Add(copy);
            }
            using var reader = explain.ExecuteReader();
            while (reader.Read())
                Console.WriteLine("   plan: " + reader.GetString(postgres ? 0 : 3));
        }
    }
}
