using BenchmarkDotNet.Attributes;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Benchmarks.Staff;

/// <summary>
/// The staff search over 50,000 accounts with one link each (SQLite file), against one indexed look-up of a
/// Service ID in the same run. Each search counts its matches and reads the first page, as the page does.
/// </summary>
[MemoryDiagnoser]
public class ServiceSearchBenchmarks
{
    private const int Accounts = 50_000;

    private string _folder = "";
    private IDbContextFactory<PortalDbContext> _factory = null!;
    private ServiceSearch _search = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("gbc-search-bench-").FullName;
        _factory = PortalDatabase.CreateSqliteFactory(Path.Combine(_folder, "portal.db"));
        PortalDatabase.MigrateAsync(_factory).GetAwaiter().GetResult();
        using var db = _factory.CreateDbContext();
        // Service IDs 1000000000 + i*7 (spread over 1000000000..1000349993), emails customer-00000@example.test ...
        db.Database.ExecuteSqlRaw($"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {Accounts})
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            SELECT 'u' || i, 'customer-' || printf('%05d', i) || '@example.test', 'CUSTOMER-' || printf('%05d', i) || '@EXAMPLE.TEST',
                'customer-' || printf('%05d', i) || '@example.test', 'CUSTOMER-' || printf('%05d', i) || '@EXAMPLE.TEST', 1, 0, 0, 1, 0 FROM n;
            """);
        db.Database.ExecuteSqlRaw($"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {Accounts})
            INSERT INTO "ServiceLinks" ("OwnerId", "ServiceId", "Status", "NeedsReview", "TimeZoneId", "CreatedAt", "StatusChangedAt", "Version")
            SELECT 'u' || i, CAST(1000000000 + i * 7 AS TEXT), 1, 0, 'America/Los_Angeles', 0, 0, 0 FROM n;
            """);
        db.Database.ExecuteSqlRaw("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        _search = new ServiceSearch(_factory);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public async Task<int?> PlainLookUp()
    {
        await using var db = await _factory.CreateDbContextAsync();
        return await db.ServiceLinks.Where(l => l.ServiceId == "1000174993").Select(l => (int?)l.Id).FirstOrDefaultAsync();
    }

    [Benchmark]
    public Task<ServiceSearchResult> WholeServiceId() => _search.SearchAsync("1000174993");

    /// <summary>The first seven digits: 143 links.</summary>
    [Benchmark]
    public Task<ServiceSearchResult> ServiceIdPrefix() => _search.SearchAsync("1000174");

    [Benchmark]
    public Task<ServiceSearchResult> WholeEmail() => _search.SearchAsync("Customer-24999@example.test");

    /// <summary>The start of 1,000 addresses.</summary>
    [Benchmark]
    public Task<ServiceSearchResult> EmailPrefix() => _search.SearchAsync("customer-12");

    /// <summary>The worst case: one digit, every link matches; page 100 of 2,500.</summary>
    [Benchmark]
    public Task<ServiceSearchResult> EveryLink() => _search.SearchAsync("1", 100);
}
