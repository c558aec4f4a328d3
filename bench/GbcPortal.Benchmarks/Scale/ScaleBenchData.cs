using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Benchmarks.Scale;

/// <summary>
/// A portal database the size of the capacity simulation (20,000 services linked, 30,000 arriving): per link a
/// Verify and three 185-day backfills, plus a refresh for links a month old, mostly Complete with one callback row each
/// (body deleted past retention, as it would be), the last tenth of the links still backfilling (Pending), some
/// Failed; a day of rate slots at 6 a minute; a few holds and reviews. Readings only for the measured customer
/// (13 months of two 15-minute flows on each of their 3 links, on SQLite only): no query timed here reads readings.
/// The same rows on SQLite and PostgreSQL (the SQL below runs on both).
/// Built once per machine and size (<see cref="EnsureTemplate"/>), copied for each run; the PINs are encrypted with
/// a key ring kept beside it, so the dispatcher can decrypt them.
/// </summary>
internal static class ScaleBenchData
{
    public const string CustomerEmail = "measured@example.test";

    public static readonly DateTimeOffset Now = new(2026, 11, 30, 18, 0, 0, TimeSpan.Zero); // 10 am Pacific: peak hours

    // Raised whenever Fill changes what it writes (2: a week of slots, backlog samples, newest readings' ends).
    private const int FillVersion = 2;

    public static string Folder => Path.Combine(Path.GetTempPath(), "gbcportal-bench", "scale");

    public static string KeyRing => Path.Combine(Folder, "keys");

    public static IDataProtectionProvider Protection => DataProtectionProvider.Create(new DirectoryInfo(KeyRing));

    /// <summary>The SQLite template database for <paramref name="links"/> links (built when missing).</summary>
    public static string EnsureTemplate(int links)
    {
        // One template per schema and fill: a database built before a migration or a change here is not reused after it.
        var path = Path.Combine(Folder, $"portal-{links}-{LastMigration(DatabaseProvider.Sqlite)}-{FillVersion}.db");
        if (File.Exists(path))
            return path;
        Directory.CreateDirectory(Folder);
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        File.Delete(temp);
        Build(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = temp }.ToString(), links);
        SqliteConnection.ClearAllPools();
        File.Move(temp, path);
        return path;
    }

    /// <summary>Where the PostgreSQL template for <paramref name="links"/> links is kept between servers (pg_dump's custom format).</summary>
    public static string PostgresDump(int links)
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, $"portal-{links}-{LastMigration(DatabaseProvider.Postgres)}-{FillVersion}.pgdump");
    }

    /// <summary>Migrates the (new, empty) database and fills it.</summary>
    public static void Build(DatabaseProvider provider, string connectionString, int links)
    {
        var factory = PortalDatabase.CreateFactory(provider, connectionString);
        PortalDatabase.MigrateAsync(factory).GetAwaiter().GetResult();
        Fill(factory, links, provider);
    }

    // Read from the compiled migrations: no database is opened.
    private static string LastMigration(DatabaseProvider provider)
    {
        var connectionString = provider == DatabaseProvider.Sqlite
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(Folder, "schema.db") }.ToString()
            : "Host=127.0.0.1;Database=unused";
        using var db = PortalDatabase.CreateFactory(provider, connectionString).CreateDbContext();
        return db.Database.GetMigrations().Last().Split('_')[0];
    }

    /// <summary>A fresh copy of the template to run on (the dispatcher's benchmark changes it).</summary>
    public static string WorkingCopy(int links)
    {
        var template = EnsureTemplate(links);
        var copy = Path.Combine(Folder, $"run-{links}-{Environment.ProcessId}.db");
        File.Copy(template, copy, overwrite: true);
        return copy;
    }

    private static void Fill(IDbContextFactory<PortalDbContext> factory, int links, DatabaseProvider provider)
    {
        var pin = new PinProtector(Protection).Protect("1234");
        var random = new Random(14);
        var accounts = links / 2;
        var backfilling = links / 10; // the newest links, still waiting for their history
        var userIds = new string[accounts];
        Batched(factory, accounts, (db, i) =>
        {
            var email = i == 0 ? CustomerEmail : $"customer{i}@example.test";
            var user = new PortalUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true };
            userIds[i] = user.Id;
            db.Users.Add(user);
        });

        Batched(factory, links, (db, i) =>
        {
            var created = Now.AddDays(-30 + 30.0 * i / links); // arrivals over 30 days, the last tenth still backfilling
            var complete = i < links - backfilling;
            var link = new ServiceLink
            {
                OwnerId = userIds[i % accounts],
                ServiceId = (3_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ProtectedPin = pin,
                Status = complete || i % 3 != 0 ? LinkStatus.Active : LinkStatus.Pending,
                NeedsReview = i % 1000 == 7,
                ReviewReason = i % 1000 == 7 ? "shared" : null,
                TimeZoneId = "America/Los_Angeles",
                CreatedAt = created,
                StatusChangedAt = created.AddMinutes(5),
                CoveredFrom = complete ? created.AddDays(-395) : created.AddDays(-7),
                CoveredTo = created,
                // The newest reading ends at a Pacific midnight 0 to 12 days ago, as /staff's staleness bars read it.
                LastCompleteReadingAt = complete ? new DateTimeOffset(Now.UtcDateTime.Date.AddHours(8), TimeSpan.Zero).AddDays(-(i % 13)) : null,
            };
            var kinds = new List<(RequestKind Kind, int Priority, DateTimeOffset Start, DateTimeOffset End)>
            {
                (RequestKind.Verify, RequestPriorities.Verify, created.AddDays(-7), created),
            };
            for (var chunk = 0; chunk < 3; chunk++)
            {
                var end = created.AddDays(-7 - 185 * chunk);
                kinds.Add((RequestKind.Backfill, RequestPriorities.Backfill + chunk, end.AddDays(-185), end));
            }
            if (created < Now.AddDays(-28))
                kinds.Add((RequestKind.Refresh, RequestPriorities.Refresh, created, created.AddDays(2)));
            for (var k = 0; k < kinds.Count; k++)
            {
                var (kind, priority, start, end) = kinds[k];
                var status = complete || k == 0 ? RequestStatus.Complete : RequestStatus.Pending;
                if (status == RequestStatus.Complete && random.Next(200) == 0)
                    status = RequestStatus.Failed;
                var changed = created.AddMinutes(10 + k);
                link.Requests.Add(new DataRequest
                {
                    RequestId = Guid.NewGuid(),
                    WindowStart = start,
                    WindowEnd = end,
                    Kind = kind,
                    Priority = priority,
                    Status = status,
                    Attempts = status == RequestStatus.Pending ? 0 : 1,
                    NotBefore = created,
                    CreatedAt = created,
                    SubmittedAt = status == RequestStatus.Pending ? null : changed,
                    CompletedAt = status == RequestStatus.Complete ? changed : null,
                    FailedAt = status == RequestStatus.Failed ? changed : null,
                    OutcomeReason = status == RequestStatus.Failed ? ReasonCode.MalformedCallback : null,
                    StatusChangedAt = changed,
                    ReadingsStored = status == RequestStatus.Complete ? 17_760 : null,
                });
            }
            db.ServiceLinks.Add(link);
        });

        using (var db = factory.CreateDbContext())
        {
            // The SQL runs on both providers: names quoted, counters cast to 64 bits (PostgreSQL's integer would overflow).
            // One callback per finished request; past retention, so the rows hold no body.
            db.Database.ExecuteSqlRaw("""
                INSERT INTO "CallbackInbox" ("DataRequestId", "RequestId", "Headers", "ReceivedAt", "State", "Problem", "Detail", "ProcessedAt", "Attempts", "BodyEncoding", "BodyDeletedAt")
                SELECT "Id", "RequestId", '{{}}', "StatusChangedAt", CASE "Status" WHEN 3 THEN 3 ELSE 2 END,
                       CASE "Status" WHEN 3 THEN 'Malformed' END, CASE "Status" WHEN 3 THEN 'unexpected end of file' END, "StatusChangedAt", 1, 1,
                       CASE "Status" WHEN 3 THEN NULL ELSE "StatusChangedAt" END
                FROM "DataRequests" WHERE "Status" <> 0 ORDER BY "Id";
                """);
            db.Database.ExecuteSql($"""INSERT INTO "CallbackBodies" ("Id", "Body") SELECT "Id", {Array.Empty<byte>()} FROM "CallbackInbox";""");
            // A week of sends at 6 a minute (what the watchdog keeps, what /staff's chart reads), spread over the links.
            var slots = db.Database.ExecuteSql($"""
                WITH RECURSIVE n(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < {7 * 8640 - 1})
                INSERT INTO "RateSlots" ("TakenAt", "DataRequestId")
                SELECT {Now.UtcTicks} - i * 100000000, 1 + (i * 37) % {links * 4} FROM n; -- request ids run from 1
                """);
            // As the budget takes them: each slot with its request's kind and owner.
            db.Database.ExecuteSqlRaw("""
                UPDATE "RateSlots" SET "Kind" = (SELECT r."Kind" FROM "DataRequests" r WHERE r."Id" = "RateSlots"."DataRequestId"),
                    "OwnerId" = (SELECT l."OwnerId" FROM "DataRequests" r JOIN "ServiceLinks" l ON l."Id" = r."LinkId" WHERE r."Id" = "RateSlots"."DataRequestId");
                """);
            // Eight days of the backlog-sample job's rows, every 10 minutes.
            db.Database.ExecuteSql($"""
                WITH RECURSIVE n(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < {8 * 144 - 1})
                INSERT INTO "BacklogSamples" ("At", "Pending", "Submitted") SELECT {Now.UtcTicks} - i * 6000000000, 1000 + i % 500, i % 7 FROM n;
                """);
            for (var i = 0; i < 50; i++)
            {
                db.LinkHolds.Add(new LinkHold
                {
                    Scope = i % 2 == 0 ? HoldScope.ServiceId : HoldScope.Account,
                    ServiceId = i % 2 == 0 ? $"9{i:D9}" : null,
                    OwnerId = i % 2 == 0 ? null : userIds[accounts - 1 - i],
                    Refusals = 3,
                    PlacedAt = Now.AddHours(-i),
                    Until = Now.AddHours(24 - i),
                });
            }
            db.SaveChanges();
            _ = slots;
        }
        // No ANALYZE here: the portal never runs it on SQLite, so its queries are planned without statistics, as here.
        // (PostgreSQL's autovacuum does: ScaleDatabase analyzes the PostgreSQL template.)
        FillCustomerReadings(factory, userIds[0], provider);
    }

    /// <summary>13 months of delivered and received quarter-hours on each of the measured customer's links.</summary>
    private static void FillCustomerReadings(IDbContextFactory<PortalDbContext> factory, string customerId, DatabaseProvider provider)
    {
        using var db = factory.CreateDbContext();
        var links = db.ServiceLinks.Where(l => l.OwnerId == customerId).Select(l => l.Id).ToList();
        foreach (var link in links)
        {
            foreach (var flow in new[] { 1, 19 })
            {
                db.ReadingTypes.Add(new ReadingTypeRow { LinkId = link, Key = $"c1-f{flow}-u72-i900-k12-a4", Uom = 72, FlowDirection = flow, IntervalLengthSeconds = 900, PowerOfTenMultiplier = -3 });
            }
        }
        db.SaveChanges();
        // On PostgreSQL "Readings" is a view over ReadingDays, which SQL cannot insert into; no timed query reads
        // readings (the /services cards, /staff and the dispatcher read links and requests only), so there are none.
        if (provider == DatabaseProvider.Postgres)
            return;
        var start = Now.AddDays(-395).ToUnixTimeSeconds() / 900 * 900;
        db.Database.ExecuteSql($"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {395 * 96 - 1})
            INSERT INTO Readings (LinkId, ReadingTypeId, Start, DurationSeconds, ValueWh, FlowDirection, Quality, Cost)
            SELECT t.LinkId, t.Id, {start} + n.i * 900, 900, (n.i % 97) * 1.25, t.FlowDirection, 19, NULL FROM ReadingTypes t, n;
            """);
    }

    private static void Batched(IDbContextFactory<PortalDbContext> factory, int count, Action<PortalDbContext, int> add)
    {
        const int batch = 2_000;
        for (var first = 0; first < count; first += batch)
        {
            using var db = factory.CreateDbContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(count, first + batch); i++)
                add(db, i);
            db.SaveChanges();
        }
    }
}
