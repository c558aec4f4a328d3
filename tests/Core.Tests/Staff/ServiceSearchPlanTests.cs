using System.Data.Common;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GbcPortal.Core.Tests.Staff;

/// <summary>
/// The search stays fast at any number of links because SQLite answers it with index seeks: every statement it runs
/// is explained, and no table is scanned (only the union's own result is, to sort one page).
/// </summary>
public sealed class ServiceSearchPlanTests : IAsyncLifetime
{
    private TempDatabase database = null!;
    private readonly List<(string Sql, SqliteParameter[] Parameters)> statements = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ConnectionString => database.ConnectionString;

    public async ValueTask InitializeAsync() => database = await TempDatabase.CreateAsync();

    [Theory]
    [InlineData("1000000001")]
    [InlineData("100000")]
    [InlineData("carol.smith@example.com")]
    [InlineData("carol")]
    public async Task EverySearchStatement_SeeksIndexes_AndScansNoTable(string query)
    {
        await new ServiceSearch(new CapturingFactory(ConnectionString, statements)).SearchAsync(query, 2, Ct);

        Assert.Equal(2, statements.Count); // the count and the page
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        foreach (var (sql, parameters) in statements)
        {
            var plan = await PlanAsync(connection, sql, parameters);
            var derived = plan.Where(l => l.StartsWith("CO-ROUTINE ", StringComparison.Ordinal) || l.StartsWith("MATERIALIZE ", StringComparison.Ordinal))
                .Select(l => l.Split(' ')[1]).ToHashSet();
            var scans = plan.Where(l => l.StartsWith("SCAN ", StringComparison.Ordinal) && !derived.Contains(l.Split(' ')[1])).ToList();
            Assert.True(scans.Count == 0, $"{string.Join(" | ", scans)} in:\n{string.Join("\n", plan)}");
            Assert.Contains(plan, l => l.Contains("USING INDEX IX_ServiceLinks_ServiceId", StringComparison.Ordinal));
            Assert.Contains(plan, l => l.Contains("USING INDEX EmailIndex", StringComparison.Ordinal));
        }
    }

    private static async Task<List<string>> PlanAsync(SqliteConnection connection, string sql, SqliteParameter[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        command.Parameters.AddRange(parameters);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
            lines.Add(reader.GetString(3));
        return lines;
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    // The portal's SQLite set-up, plus an interceptor that keeps every statement and its parameters.
    private sealed class CapturingFactory(string connectionString, List<(string, SqliteParameter[])> statements) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<SqlitePortalDbContext>();
            PortalDatabase.Configure(options, DatabaseProvider.Sqlite, connectionString);
            options.AddInterceptors(new Capture(statements));
            return new SqlitePortalDbContext(options.Options);
        }
    }

    private sealed class Capture(List<(string, SqliteParameter[])> statements) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            statements.Add((command.CommandText, command.Parameters.Cast<SqliteParameter>()
                .Select(p => new SqliteParameter(p.ParameterName, p.Value ?? DBNull.Value)).ToArray()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
