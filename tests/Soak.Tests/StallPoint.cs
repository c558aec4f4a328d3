using Npgsql;

namespace GbcPortal.Soak.Tests;

/// <summary>
/// Holds one portal process at a chosen moment so it can be killed exactly there: a trigger on the shared
/// database makes that process's connections (picked by their application_name) wait on an advisory lock the
/// driver holds, at the statement that follows the moment. Nothing in the portal knows about it.
/// </summary>
public sealed class StallPoint(string name, string createTrigger, string dropTrigger)
{
    private const long LockKey = 77_001;

    /// <summary>Claim committed, the "sending now" mark not yet: the request has a slot and has not left.</summary>
    public static StallPoint AfterClaim { get; } = new("just after a claim",
        """CREATE TRIGGER soak_stall BEFORE UPDATE OF "SendStartedAt" ON "DataRequests" FOR EACH ROW WHEN (NEW."SendStartedAt" IS NOT NULL AND OLD."SendStartedAt" IS NULL) EXECUTE FUNCTION soak_stall()""",
        """DROP TRIGGER IF EXISTS soak_stall ON "DataRequests" """);

    /// <summary>The POST went out and the utility answered 202; the answer is not recorded yet.</summary>
    public static StallPoint MidPost { get; } = new("mid-POST (the utility has it, the 202 is not recorded)",
        """CREATE TRIGGER soak_stall BEFORE UPDATE OF "Status" ON "DataRequests" FOR EACH ROW WHEN (OLD."Status" = 0 AND NEW."Status" = 1) EXECUTE FUNCTION soak_stall()""",
        """DROP TRIGGER IF EXISTS soak_stall ON "DataRequests" """);

    /// <summary>Inside an ingest's transaction: reading types written, readings being written.</summary>
    public static StallPoint MidIngest { get; } = new("mid-ingest",
        """CREATE TRIGGER soak_stall BEFORE INSERT ON "ReadingDays" FOR EACH STATEMENT EXECUTE FUNCTION soak_stall()""",
        """DROP TRIGGER IF EXISTS soak_stall ON "ReadingDays" """);

    public string Name { get; } = name;

    /// <summary>
    /// Arms the point for <paramref name="applicationName"/>'s connections, waits until one of them is held there,
    /// runs <paramref name="kill"/>, ends the held session (a killed client's backend would otherwise go on and
    /// commit once let go), and disarms.
    /// </summary>
    public async Task HoldAndKillAsync(string connectionString, string applicationName, Func<Task> kill, TimeSpan patience)
    {
        await using var driver = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "soak-driver", Pooling = false }.ConnectionString);
        await driver.OpenAsync();
        await ExecAsync(driver, $"""
            CREATE OR REPLACE FUNCTION soak_stall() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF current_setting('application_name') = '{applicationName}' THEN
                PERFORM pg_advisory_xact_lock_shared({LockKey});
              END IF;
              IF TG_LEVEL = 'ROW' THEN RETURN NEW; END IF;
              RETURN NULL;
            END $$
            """);
        await ExecAsync(driver, $"SELECT pg_advisory_lock({LockKey})");
        await ExecAsync(driver, createTrigger);
        try
        {
            var until = DateTimeOffset.UtcNow + patience;
            while (await ScalarAsync(driver, $"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = {LockKey} AND NOT granted") == 0)
            {
                if (DateTimeOffset.UtcNow > until)
                    throw new TimeoutException($"No {applicationName} connection reached the point '{Name}' within {patience.TotalSeconds:0} s.");
                await Task.Delay(20);
            }

            await kill();
            await ExecAsync(driver, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{applicationName}'");
        }
        finally
        {
            await ExecAsync(driver, dropTrigger);
            await ExecAsync(driver, $"SELECT pg_advisory_unlock({LockKey})");
        }
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
