using BenchmarkDotNet.Attributes;
using GbcPortal.Benchmarks.Espi;
using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GbcPortal.Benchmarks.Ingest;

/// <summary>
/// Ingest of one 185-day 15-minute Push callback (17,760 readings) into a SQLite file: parse,
/// upsert in one transaction, complete the request. <see cref="First"/> starts from an empty
/// link; <see cref="Again"/> ingests the same feed over the rows it already wrote (idempotent).
/// Readings per second = 17,760 / mean. The machine is shared, so the figures to compare are the
/// ratios to <see cref="PlainInsert"/> and <see cref="Parse"/>, measured in the same run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15, invocationCount: 1)]
public class IngestBenchmarks
{
    public const int Days = 185;
    public const int Readings = Days * 96;

    private string _folder = "";
    private IDbContextFactory<PortalDbContext> _databases = null!;
    private IngestService _ingest = null!;
    private byte[] _body = [];
    private DataRequest _request = null!;
    private int _inboxId;
    private IngestBaselines _baselines = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("gbc-ingest-bench-").FullName;
        _databases = PortalDatabase.CreateSqliteFactory(Path.Combine(_folder, "portal.db"));
        PortalDatabase.MigrateAsync(_databases).GetAwaiter().GetResult();
        using (var stream = new MemoryStream())
        {
            FeedGenerator.Write(stream, Days);
            _body = stream.ToArray();
        }
        var now = DateTimeOffset.UtcNow;
        _request = DataRequests.SentAsync(_databases, "4820183311", now.AddDays(-Days), now).GetAwaiter().GetResult();
        var notifier = new RequestStatusNotifier(NullLogger<RequestStatusNotifier>.Instance);
        _ingest = new IngestService(_databases, new NoFeeds(),
            new RequestOutcomes(_databases, notifier, TimeProvider.System, Options.Create(new DispatchOptions())),
            new NoIngestProbe(), TimeProvider.System, NullLogger<IngestService>.Instance);
        _baselines = new IngestBaselines(_folder);
    }

    [IterationSetup(Target = nameof(PlainInsert))]
    public void EmptyPlainTable() => _baselines.Empty();

    [Benchmark(Baseline = true, Description = "Baseline: plain table, one prepared INSERT")]
    public int PlainInsert() => _baselines.PlainInsert(Readings);

    [Benchmark(Description = "Baseline: parse only")]
    public int Parse() => IngestBaselines.Parse(_body) == Readings ? Readings : throw new InvalidOperationException("Parsed a different count.");

    [IterationSetup(Target = nameof(First))]
    public void EmptyLink()
    {
        using (var db = _databases.CreateDbContext())
            db.Readings.Where(r => r.LinkId == _request.LinkId).ExecuteDelete();
        _inboxId = DataRequests.StoreCallbackAsync(_databases, _request, _body).GetAwaiter().GetResult();
        Checkpoint();
    }

    [IterationSetup(Target = nameof(Again))]
    public void FullLink()
    {
        using (var db = _databases.CreateDbContext())
        {
            if (db.Readings.Count(r => r.LinkId == _request.LinkId) != Readings)
                _ingest.ProcessAsync(DataRequests.StoreCallbackAsync(_databases, _request, _body).GetAwaiter().GetResult()).GetAwaiter().GetResult();
        }
        _inboxId = DataRequests.StoreCallbackAsync(_databases, _request, _body).GetAwaiter().GetResult();
        Checkpoint();
    }

    [Benchmark]
    public int First() => Check(_ingest.ProcessAsync(_inboxId).GetAwaiter().GetResult());

    [Benchmark]
    public int Again() => Check(_ingest.ProcessAsync(_inboxId).GetAwaiter().GetResult());

    [GlobalCleanup]
    public void Cleanup()
    {
        _baselines.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    // Storing the 4.5 MB body belongs to the callback endpoint: its WAL pages are moved to the
    // database file here, not by the first commit of the ingest being measured.
    private void Checkpoint()
    {
        using var db = _databases.CreateDbContext();
        db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static int Check(IngestResult result) =>
        result is { Outcome: IngestOutcome.Stored, ReadingsStored: Readings }
            ? result.ReadingsStored
            : throw new InvalidOperationException($"Ingest stored {result.ReadingsStored} readings ({result.Outcome}), not {Readings}.");

    private sealed class NoFeeds : IFeedSource
    {
        public Task<Stream> OpenAsync(Uri resource, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
