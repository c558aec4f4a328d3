using System.Diagnostics;
using GbcPortal.Core.Persistence;
using GbcPortal.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GbcPortal.Benchmarks.Scale;

/// <summary>
/// One benchmark run's database, a fresh copy of the scale template (<see cref="ScaleBenchData"/>), dropped after:
/// on SQLite a copy of the template file; on PostgreSQL <c>CREATE DATABASE … TEMPLATE</c> on the process's private
/// throwaway server (<see cref="PostgresServer"/>, as the tests and the simulation start theirs).
/// </summary>
internal sealed class ScaleDatabase : IDisposable
{
    private readonly PostgresServer? _server;
    private readonly string _name;

    private ScaleDatabase(DatabaseProvider provider, string connectionString, PostgresServer? server, string name)
    {
        (Provider, ConnectionString, _server, _name) = (provider, connectionString, server, name);
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static ScaleDatabase Create(DatabaseProvider provider, int links)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = ScaleBenchData.WorkingCopy(links);
            return new ScaleDatabase(provider, new SqliteConnectionStringBuilder { DataSource = file }.ToString(), null, file);
        }

        var server = PostgresServer.GetAsync().GetAwaiter().GetResult();
        var template = EnsurePostgresTemplate(server, links);
        var name = PostgresServer.NewDatabaseName("scale");
        Execute(server.ConnectionString("postgres"), $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new ScaleDatabase(provider, server.ConnectionString(name), server, name);
    }

    public void Dispose()
    {
        if (_server is not null)
        {
            _server.DropDatabaseAsync(_name).GetAwaiter().GetResult();
            return;
        }

        SqliteConnection.ClearAllPools();
        File.Delete(_name);
    }

    /// <summary>
    /// The template database for <paramref name="links"/> links on this server: restored from the machine's dump of
    /// it when there is one (a few seconds), else filled (and dumped for the next server), then vacuumed and analyzed
    /// as autovacuum would have done on a deployment that grew to this size.
    /// </summary>
    private static string EnsurePostgresTemplate(PostgresServer server, int links)
    {
        var name = $"scale_template_{links}";
        var admin = server.ConnectionString("postgres");
        if (Scalar(admin, $"SELECT count(*) FROM pg_database WHERE datname = '{name}'") > 0)
            return name;

        var clock = Stopwatch.StartNew();
        var dump = ScaleBenchData.PostgresDump(links);
        if (File.Exists(dump))
        {
            Execute(admin, $"CREATE DATABASE \"{name}\"");
            Run(server, "pg_restore", "--no-owner", "--exit-on-error", "-d", name, dump);
            Console.WriteLine($"// scale template: {links:N0} links restored on PostgreSQL from {dump} in {clock.Elapsed.TotalSeconds:F1} s");
        }
        else
        {
            ScaleBenchData.Build(DatabaseProvider.Postgres, server.ConnectionString(name), links);
            Console.WriteLine($"// scale template: {links:N0} links filled on PostgreSQL in {clock.Elapsed.TotalSeconds:F1} s");
            var temp = $"{dump}.{Environment.ProcessId}.tmp";
            Run(server, "pg_dump", "--format=custom", "--no-owner", "-f", temp, name);
            File.Move(temp, dump, overwrite: true);
        }

        // A deployment's autovacuum analyzes a table each time a tenth of it changes and vacuums after inserts (so the
        // visibility map lets index-only scans skip the table): one that grew to this size has both. Done here, so
        // the plans do not change when autovacuum happens to get to it in the middle of a run.
        clock.Restart();
        Execute(server.ConnectionString(name), "VACUUM (ANALYZE)");
        NpgsqlConnection.ClearAllPools(); // a template must have no sessions open when it is copied
        Console.WriteLine($"// scale template: VACUUM (ANALYZE) in {clock.Elapsed.TotalSeconds:F1} s");
        return name;
    }

    private static void Run(PostgresServer server, string tool, params string[] arguments)
    {
        var bin = PostgresBinaries.FindBinaries() ?? throw new InvalidOperationException("PostgreSQL's binaries were not found.");
        var connection = new NpgsqlConnectionStringBuilder(server.ConnectionString("postgres"));
        var start = new ProcessStartInfo(Path.Combine(bin, tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-h", connection.Host!, "-p", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres" }.Concat(arguments))
            start.ArgumentList.Add(argument);
        start.Environment["PGPASSWORD"] = connection.Password;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {error.Result}");
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }

    private static long Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
