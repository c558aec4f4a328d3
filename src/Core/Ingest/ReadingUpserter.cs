using System.Data.Common;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace GbcPortal.Core.Ingest;

/// <summary>
/// Writes readings as <c>INSERT … ON CONFLICT (key) DO UPDATE</c> in multi-row batches on the
/// context's open transaction. EF's change tracker would cost a query per row to find out whether
/// a reading exists; the upsert makes a repeated or overlapping feed a no-op by construction, and
/// SQLite and PostgreSQL share its syntax.
/// </summary>
public sealed class ReadingUpserter
{
    /// <summary>Rows per statement: 8 parameters a row stays far below SQLite's 32,766-parameter limit.</summary>
    public const int BatchSize = 500;

    private static readonly string[] Columns =
    [
        nameof(StoredReading.LinkId), nameof(StoredReading.ReadingTypeId), nameof(StoredReading.Start),
        nameof(StoredReading.DurationSeconds), nameof(StoredReading.ValueWh), nameof(StoredReading.FlowDirection),
        nameof(StoredReading.Quality), nameof(StoredReading.Cost),
    ];

    /// <summary>Upserts <paramref name="rows"/>; the caller owns the transaction (one per callback).</summary>
    public static async Task<int> UpsertAsync(PortalDbContext db, IReadOnlyList<StoredReading> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return 0;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Readings are upserted inside the ingest transaction.");
        var connection = db.Database.GetDbConnection();
        var costAsDouble = db.Database.IsSqlite(); // SQLite's model maps decimal to REAL
        var names = ColumnNames(db);

        DbCommand? full = null;
        try
        {
            for (var offset = 0; offset < rows.Count; offset += BatchSize)
            {
                var count = Math.Min(BatchSize, rows.Count - offset);
                var command = count == BatchSize
                    ? full ??= Prepare(connection, transaction, names, BatchSize)
                    : Prepare(connection, transaction, names, count);
                for (var i = 0; i < count; i++)
                    Bind(command, i, rows[offset + i], costAsDouble);
                await command.ExecuteNonQueryAsync(cancellationToken);
                if (command != full)
                    await command.DisposeAsync();
            }
        }
        finally
        {
            if (full is not null)
                await full.DisposeAsync();
        }
        return rows.Count;
    }

    private static (string Table, string[] Columns, string[] Key) ColumnNames(PortalDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(StoredReading))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = Columns.Select(c => entity.FindProperty(c)!.GetColumnName(table)!).ToArray();
        var key = entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(table)!).ToArray();
        var qualified = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{table.Name}\"" : $"\"{table.Name}\"";
        return (qualified, columns, key);
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction,
        (string Table, string[] Columns, string[] Key) names, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new System.Text.StringBuilder(64 + rows * 64);
        sql.Append("INSERT INTO ").Append(names.Table).Append(" (")
            .AppendJoin(", ", names.Columns.Select(c => $"\"{c}\"")).Append(") VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < names.Columns.Length; column++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{row}_{column}";
                command.Parameters.Add(parameter);
                sql.Append(column == 0 ? "" : ", ").Append(parameter.ParameterName);
            }
            sql.Append(')');
        }
        var updates = names.Columns.Except(names.Key).Select(c => $"\"{c}\" = excluded.\"{c}\"");
        sql.Append(" ON CONFLICT (").AppendJoin(", ", names.Key.Select(k => $"\"{k}\""))
            .Append(") DO UPDATE SET ").AppendJoin(", ", updates);
        command.CommandText = sql.ToString();
        return command;
    }

    private static void Bind(DbCommand command, int row, StoredReading reading, bool costAsDouble)
    {
        var first = row * Columns.Length;
        var p = command.Parameters;
        p[first].Value = reading.LinkId;
        p[first + 1].Value = reading.ReadingTypeId;
        p[first + 2].Value = reading.Start;
        p[first + 3].Value = reading.DurationSeconds;
        p[first + 4].Value = reading.ValueWh;
        p[first + 5].Value = reading.FlowDirection;
        p[first + 6].Value = reading.Quality;
        p[first + 7].Value = reading.Cost is { } cost ? (costAsDouble ? (double)cost : cost) : DBNull.Value;
    }
}
