using System.Security.Cryptography;
using Npgsql;

namespace GbcPortal.Testing;

/// <summary>
/// A private, throwaway PostgreSQL server for the tests of one process: initdb into a temp folder,
/// started on a free loopback port with its socket in that folder, stopped and deleted when the
/// process exits. Nothing has to be set up by hand; the server binaries (Debian: apt-get install
/// postgresql) have to be installed, and without them the tests that need a server fail and say so.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private readonly string folder;
    private readonly string pgCtl;
    private readonly string[] runAs;

    private readonly string password;

    private PostgresServer(string folder, string pgCtl, string[] runAs, int port, string password)
    {
        (this.folder, this.pgCtl, this.runAs, Port, this.password) = (folder, pgCtl, runAs, port, password);
    }

    public int Port { get; }

    /// <summary>The server of this test process, started on first use.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A connection string for <paramref name="database"/> (which need not exist yet: EF's Migrate creates it).</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Password = password,
        Database = database,
        // Each test has its own database, so its own pool; idle connections go quickly instead of piling up.
        ConnectionIdleLifetime = 10,
        MaxPoolSize = 30,
    }.ToString();

    /// <summary>A fresh database name for one test.</summary>
    public static string NewDatabaseName(string prefix = "t") => $"{prefix}_{Guid.NewGuid():N}";

    /// <summary>Closes the database's pooled connections and drops it.</summary>
    public async Task DropDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(database)));
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Stops the server (fast: every session is ended, as in an operator's restart) and starts it again with the
    /// same settings; returns once it accepts connections again.
    /// </summary>
    public Task RestartAsync() =>
        PostgresBinaries.RunAsync([.. runAs, pgCtl, "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "server.log"),
            "-m", "fast", "-w", "-t", "60", "restart"]);

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = PostgresBinaries.FindBinaries() ?? throw new InvalidOperationException(
            "The PostgreSQL tests start their own PostgreSQL server, but initdb and pg_ctl were not found " +
            "(looked in $GBC_POSTGRES_BIN, /usr/lib/postgresql/*/bin and PATH). Install the server: " +
            "apt-get install -y postgresql (Debian/Ubuntu; .ci/run does this), or set GBC_POSTGRES_BIN to the folder holding initdb.");
        PostgresBinaries.RemoveStaleServers(bin);

        var runAs = PostgresBinaries.RunAs();
        var folder = Path.Combine(PostgresBinaries.TempRoot(), PostgresBinaries.FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString());
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var passwordFile = Path.Combine(folder, "password");
        await File.WriteAllTextAsync(passwordFile, password);
        if (runAs.Length > 0)
        {
            await PostgresBinaries.RunAsync(["chown", "-R", "postgres", folder]);
        }

        var data = Path.Combine(folder, "data");
        await PostgresBinaries.RunAsync([.. runAs, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "-E", "UTF8", "--locale=C",
            "--auth-local=trust", "--auth-host=scram-sha-256", $"--pwfile={passwordFile}", "--no-sync"]);
        File.Delete(passwordFile);

        var pgCtl = Path.Combine(bin, "pg_ctl");
        for (var attempt = 1; ; attempt++)
        {
            var port = PostgresBinaries.FreePort();
            // A test server: durability off (the folder is deleted anyway), room for many tests' pools;
            // GBC_POSTGRES_OPTIONS adds settings, e.g. "-c log_min_duration_statement=0" to see every statement.
            var options = $"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder} " +
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 " +
                "-c max_parallel_workers_per_gather=0 " + Environment.GetEnvironmentVariable("GBC_POSTGRES_OPTIONS");
            try
            {
                await PostgresBinaries.RunAsync([.. runAs, pgCtl, "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", options, "start"]);
                var server = new PostgresServer(folder, pgCtl, runAs, port, password);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between our probe and the server's bind: try another.
            }
            catch (InvalidOperationException e)
            {
                var log = Path.Combine(folder, "server.log");
                throw new InvalidOperationException($"{e.Message}\nserver log:\n{(File.Exists(log) ? File.ReadAllText(log) : "(none)")}", e);
            }
        }
    }

    private void Stop()
    {
        try
        {
            PostgresBinaries.RunAsync([.. runAs, pgCtl, "-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already gone; the folder still goes.
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next run's stale-server sweep.
        }
    }

}
