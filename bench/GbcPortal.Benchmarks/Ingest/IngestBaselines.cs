using GbcPortal.Core.Espi;
using Microsoft.Data.Sqlite;

namespace GbcPortal.Benchmarks.Ingest;

/// <summary>
/// Floors for <see cref="IngestBenchmarks"/>, measured in the same run so that a busy machine
/// shows up in the ratio rather than as a regression: parsing the callback alone, and writing its
/// 17,760 rows with one prepared INSERT into an empty plain table (no key, no upsert) in an SQLite
/// file with the portal's settings (WAL, synchronous=NORMAL), in one transaction.
/// </summary>
internal sealed class IngestBaselines(string folder) : IDisposable
{
    private readonly SqliteConnection _connection = Open(folder);

    public static int Parse(byte[] body) =>
        new EspiReader().Read(new MemoryStream(body, writable: false)).Series.Sum(s => s.Readings.Count);

    public void Empty() => Execute("DELETE FROM Plain; PRAGMA wal_checkpoint(TRUNCATE);");

    public int PlainInsert(int rows)
    {
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO Plain VALUES ($l, $t, $s, $d, $v, $f, $q, $c)";
        var values = new[] { "$l", "$t", "$s", "$d", "$v", "$f", "$q", "$c" }
            .Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        command.Prepare();
        for (var i = 0; i < rows; i++)
        {
            values[0].Value = 1;
            values[1].Value = 1;
            values[2].Value = 1_700_000_000L + i * 900L;
            values[3].Value = 900;
            values[4].Value = 100.0 + i % 700;
            values[5].Value = 1;
            values[6].Value = 1L << 19;
            values[7].Value = DBNull.Value;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return rows;
    }

    public void Dispose() => _connection.Dispose();

    private static SqliteConnection Open(string folder)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "plain.db") }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            + "CREATE TABLE Plain (LinkId INTEGER NOT NULL, ReadingTypeId INTEGER NOT NULL, Start INTEGER NOT NULL,"
            + " DurationSeconds INTEGER NOT NULL, ValueWh REAL NOT NULL, FlowDirection INTEGER NOT NULL,"
            + " Quality INTEGER NOT NULL, Cost REAL);";
        command.ExecuteNonQuery();
        return connection;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
