using BenchmarkDotNet.Attributes;
using GbcPortal.Benchmarks.Espi;
using GbcPortal.Core.Espi;
using Microsoft.Data.Sqlite;

namespace GbcPortal.Benchmarks.Ingest;

/// <summary>
/// Floors for <see cref="IngestBenchmarks"/>, measured in the same run so that a busy machine
/// shows up as a ratio rather than as a regression: parsing the callback alone, and writing
/// its 17,760 rows with one prepared INSERT into an empty plain table (no key, no upsert) in
/// an SQLite file with the portal's settings (WAL, synchronous=NORMAL), in one transaction.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8, invocationCount: 1)]
public class IngestBaselines
{
    private string _folder = "";
    private byte[] _body = [];
    private SqliteConnection _connection = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("gbc-ingest-baseline-").FullName;
        using (var stream = new MemoryStream())
        {
            FeedGenerator.Write(stream, IngestBenchmarks.Days);
            _body = stream.ToArray();
        }
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "plain.db") }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            + "CREATE TABLE Plain (LinkId INTEGER NOT NULL, ReadingTypeId INTEGER NOT NULL, Start INTEGER NOT NULL,"
            + " DurationSeconds INTEGER NOT NULL, ValueWh REAL NOT NULL, FlowDirection INTEGER NOT NULL,"
            + " Quality INTEGER NOT NULL, Cost REAL);");
    }

    [IterationSetup(Target = nameof(PlainInsert))]
    public void EmptyTable() => Execute("DELETE FROM Plain; PRAGMA wal_checkpoint(TRUNCATE);");

    [Benchmark(Description = "Parse only (EspiReader)")]
    public int Parse() => new EspiReader().Read(new MemoryStream(_body, writable: false)).Series.Sum(s => s.Readings.Count);

    [Benchmark(Description = "Plain table, one prepared INSERT")]
    public int PlainInsert()
    {
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO Plain VALUES ($l, $t, $s, $d, $v, $f, $q, $c)";
        var parameters = new[] { "$l", "$t", "$s", "$d", "$v", "$f", "$q", "$c" }.Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        command.Prepare();
        var start = 1_700_000_000L;
        for (var i = 0; i < IngestBenchmarks.Readings; i++)
        {
            parameters[0].Value = 1;
            parameters[1].Value = 1;
            parameters[2].Value = start + i * 900L;
            parameters[3].Value = 900;
            parameters[4].Value = 100.0 + i % 700;
            parameters[5].Value = 1;
            parameters[6].Value = 1L << 19;
            parameters[7].Value = DBNull.Value;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return IngestBenchmarks.Readings;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
