using Npgsql;

namespace GbcPortal.Soak.Tests;

/// <summary>What the driver reads from (and the one switch it flips in) the portals' shared database.</summary>
public sealed class SoakDatabase(string connectionString)
{
    private readonly string connectionString = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "soak-driver" }.ConnectionString;

    /// <summary>
    /// Sendable requests waiting now, by the dispatcher's own rules: Pending, unclaimed, due, of a link that may
    /// send and has no request in flight with a live dispatcher (one per link), dispatch neither paused nor held.
    /// </summary>
    public Task<long> BacklogAsync() => ScalarAsync("""
        SELECT count(*) FROM "DataRequests" r JOIN "ServiceLinks" l ON l."Id" = r."LinkId", "DispatchControl" c
        WHERE r."Status" = 0 AND r."ClaimedBy" IS NULL AND r."NotBefore" <= @now AND l."Status" IN (0, 1)
          AND NOT c."Paused" AND (c."HoldUntil" IS NULL OR c."HoldUntil" <= @now)
          AND NOT EXISTS (SELECT 1 FROM "DataRequests" o JOIN "Dispatchers" d ON d."Id" = o."ClaimedBy"
                          WHERE o."LinkId" = r."LinkId" AND o."Status" = 0 AND d."HeartbeatAt" > @aliveSince)
        """);

    public Task<long> OpenRequestsAsync() => ScalarAsync("""SELECT count(*) FROM "DataRequests" WHERE "Status" <> 2""");

    public Task<long> RequestsAsync() => ScalarAsync("""SELECT count(*) FROM "DataRequests" """);

    public Task<long> UnprocessedCallbacksAsync() => ScalarAsync("""SELECT count(*) FROM "CallbackInbox" WHERE "State" IN (0, 1)""");

    public Task<long> IncompleteLinksAsync() => ScalarAsync("""SELECT count(*) FROM "ServiceLinks" WHERE "Status" <> 1""");

    public Task<long> LinksAsync() => ScalarAsync("""SELECT count(*) FROM "ServiceLinks" """);

    public async Task PauseAsync(bool paused)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""UPDATE "DispatchControl" SET "Paused" = @paused, "PauseReason" = @reason""", connection);
        command.Parameters.AddWithValue("paused", paused);
        command.Parameters.AddWithValue("reason", paused ? "PausedByStaff" : (object)DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Requests the process <paramref name="pid"/> had claimed (dispatcher ids carry the pid), with whether their POST had begun.</summary>
    public async Task<List<(int Id, bool SendStarted)>> ClaimedByAsync(int pid)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Id", "SendStartedAt" IS NOT NULL FROM "DataRequests" WHERE "Status" = 0 AND "ClaimedBy" LIKE @pattern""", connection);
        command.Parameters.AddWithValue("pattern", $"%/{pid}/%");
        var claimed = new List<(int, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            claimed.Add((reader.GetInt32(0), reader.GetBoolean(1)));
        return claimed;
    }

    /// <summary>True once the request is out of its dead claim: back in the queue, sent again, or answered.</summary>
    public async Task<bool> ReleasedAsync(int requestId) =>
        await ScalarAsync($"""SELECT count(*) FROM "DataRequests" WHERE "Id" = {requestId} AND "Status" = 0 AND "ClaimedBy" IS NOT NULL""") == 0;

    public async Task<List<int>> UnprocessedCallbackIdsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Id" FROM "CallbackInbox" WHERE "State" IN (0, 1)""", connection);
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetInt32(0));
        return ids;
    }

    public async Task<bool> ProcessedAsync(IReadOnlyCollection<int> inboxIds) => inboxIds.Count == 0 ||
        await ScalarAsync($"""SELECT count(*) FROM "CallbackInbox" WHERE "State" IN (0, 1) AND "Id" IN ({string.Join(',', inboxIds)})""") == 0;

    /// <summary>Per link: its Service ID and the span its requests covered (epoch seconds).</summary>
    public async Task<List<(int LinkId, string ServiceId, long From, long To)>> LinkSpansAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT l."Id", l."ServiceId", min(r."WindowStart"), max(r."WindowEnd") FROM "ServiceLinks" l JOIN "DataRequests" r ON r."LinkId" = l."Id"
            GROUP BY l."Id", l."ServiceId" ORDER BY l."Id"
            """, connection);
        var spans = new List<(int, string, long, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            spans.Add((reader.GetInt32(0), reader.GetString(1), ToEpoch(reader.GetInt64(2)), ToEpoch(reader.GetInt64(3))));
        return spans;
    }

    /// <summary>Stored readings of a link per flow direction: count and watt-hours.</summary>
    public async Task<Dictionary<int, (long Readings, double Wh)>> StoredAsync(int linkId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"""SELECT "FlowDirection", count(*), sum("ValueWh") FROM "Readings" WHERE "LinkId" = {linkId} GROUP BY 1""", connection);
        var stored = new Dictionary<int, (long, double)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            stored[reader.GetInt32(0)] = (reader.GetInt64(1), reader.GetDouble(2));
        return stored;
    }

    // Instants are stored as UTC ticks.
    private static long ToEpoch(long ticks) => new DateTimeOffset(ticks, TimeSpan.Zero).ToUnixTimeSeconds();

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("now", DateTimeOffset.UtcNow.UtcTicks);
        command.Parameters.AddWithValue("aliveSince", DateTimeOffset.UtcNow.AddSeconds(-10).UtcTicks); // Dispatch:DispatcherDeadAfterSeconds
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
