using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GbcPortal.Testing;

/// <summary>Finding, running and sweeping up the PostgreSQL server binaries for <see cref="PostgresServer"/>.</summary>
public static class PostgresBinaries
{
    public const string FolderPrefix = "gbc-pg-";

    /// <summary>Servers of test processes that were killed before they could stop theirs.</summary>
    public static void RemoveStaleServers(string bin)
    {
        foreach (var stale in Directory.EnumerateDirectories(TempRoot(), FolderPrefix + "*"))
        {
            var ownerFile = Path.Combine(stale, "owner.pid");
            if (!File.Exists(ownerFile) || !int.TryParse(File.ReadAllText(ownerFile), out var owner) || IsAlive(owner))
            {
                continue;
            }

            var runAs = RunAs();
            try
            {
                RunAsync([.. runAs, Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(stale, "data"), "-m", "immediate", "-w", "stop"])
                    .GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Not running.
            }

            try
            {
                Directory.Delete(stale, recursive: true);
            }
            catch (IOException)
            {
                // Someone else's; leave it.
            }
            catch (UnauthorizedAccessException)
            {
                // Someone else's; leave it.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static string? FindBinaries()
    {
        static bool Has(string? dir) => dir is not null && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));
        var configured = Environment.GetEnvironmentVariable("GBC_POSTGRES_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return Has(configured) ? configured : null;
        }

        // Debian keeps the server binaries out of PATH, one folder per major version: take the newest.
        var packaged = Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => Has(d.Dir)).OrderByDescending(d => d.Version).Select(d => d.Dir).FirstOrDefault()
            : null;
        return packaged ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).FirstOrDefault(Has);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task RunAsync(string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command[0]}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(' ', command)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    // The 'postgres' user must be able to reach the folder: a TMPDIR under /root would not do.
    public static string TempRoot() => RunAs().Length > 0 ? "/tmp" : Path.GetTempPath();

    // initdb refuses to run as root: then the server runs as the packaged 'postgres' user.
    public static string[] RunAs() => Environment.UserName == "root" ? ["runuser", "-u", "postgres", "--"] : [];
}
