using BenchmarkDotNet.Attributes;
using GbcPortal.Benchmarks.Espi;
using GbcPortal.Core.Espi;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Upload;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace GbcPortal.Benchmarks.Upload;

/// <summary>
/// The upload of a five-year 15-minute Green Button file (175,296 readings, about 45 MB, under the
/// 50 MB limit) into a new file-only service on a SQLite file: read, describe, upsert in one
/// transaction. Against <see cref="ReaderAlone"/>, the same file read by <see cref="EspiReader"/>
/// with the upload's limits, in the same run; the target is an upload at most 3× the read.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8, invocationCount: 1)]
public class UploadBenchmarks
{
    public const int Days = 1826;
    public const int Readings = Days * 96;

    private string _folder = "";
    private string _file = "";
    private string _ownerId = "";
    private IDbContextFactory<PortalDbContext> _databases = null!;
    private UploadService _uploads = null!;

    [GlobalSetup]
    public void Setup()
    {
        _file = FeedGenerator.EnsureFile(Days);
        if (new FileInfo(_file).Length > UploadService.MaxBytes)
            throw new InvalidOperationException("The five-year file is over the upload limit.");
        _folder = Directory.CreateTempSubdirectory("gbc-bench-upload-").FullName;
        _databases = PortalDatabase.CreateSqliteFactory(Path.Combine(_folder, "portal.db"));
        PortalDatabase.MigrateAsync(_databases).GetAwaiter().GetResult();
        using var db = _databases.CreateDbContext();
        var user = new PortalUser { UserName = "bench@example.test", Email = "bench@example.test" };
        db.Users.Add(user);
        db.SaveChanges();
        _ownerId = user.Id;
        _uploads = new UploadService(_databases, TimeProvider.System, NullLogger<UploadService>.Instance);
    }

    [Benchmark(Baseline = true, Description = "Baseline: EspiReader alone")]
    public int ReaderAlone()
    {
        using var stream = File.OpenRead(_file);
        var count = new EspiReader(new EspiReaderOptions { MaxBytes = UploadService.MaxBytes }).Read(stream).Series.Sum(s => s.Readings.Count);
        return count == Readings ? count : throw new InvalidOperationException($"Read {count} readings, not {Readings}.");
    }

    [IterationSetup(Target = nameof(Upload))]
    public void NoFileServices()
    {
        using var db = _databases.CreateDbContext();
        db.ServiceLinks.Where(l => l.OwnerId == _ownerId).ExecuteDelete();
        db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE);");
    }

    [Benchmark(Description = "Upload into a new file-only service")]
    public int Upload()
    {
        using var stream = File.OpenRead(_file);
        var result = _uploads.ImportAsync(_ownerId, "five-years.xml", stream, null).GetAwaiter().GetResult();
        return result is { Outcome: UploadOutcome.Stored, ReadingsStored: Readings }
            ? result.ReadingsStored
            : throw new InvalidOperationException($"Upload stored {result.ReadingsStored} readings ({result.Outcome}: {result.Message}).");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
