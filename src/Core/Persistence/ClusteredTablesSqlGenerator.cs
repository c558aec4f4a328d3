using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace GbcPortal.Core.Persistence;

/// <summary>
/// Creates the Readings table WITHOUT ROWID on SQLite: the rows are stored in the primary key's
/// B-tree (clustered on link, reading type, start) instead of a rowid table plus a key index, so
/// an insert touches one B-tree and a range scan reads the values from the key's leaves. EF has no
/// API for it; doing it here rather than in a migration's SQL also covers the table rebuilds EF
/// emits for later SQLite migrations ("ef_temp_Readings", renamed), which would otherwise quietly
/// bring the rowid back. PersistenceTests check the stored CREATE statement.
/// </summary>
internal sealed class ClusteredTablesSqlGenerator(
    MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider annotations)
    : SqliteMigrationsSqlGenerator(dependencies, annotations)
{
    /// <summary>The tables created WITHOUT ROWID (each must have a primary key).</summary>
    public static readonly IReadOnlySet<string> Tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Readings" };

    private const string RebuildPrefix = "ef_temp_";

    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        var name = operation.Name.StartsWith(RebuildPrefix, StringComparison.Ordinal) ? operation.Name[RebuildPrefix.Length..] : operation.Name;
        if (!Tables.Contains(name))
        {
            base.Generate(operation, model, builder, terminate);
            return;
        }
        base.Generate(operation, model, builder, terminate: false);
        builder.Append(" WITHOUT ROWID");
        if (terminate)
        {
            builder.AppendLine(Dependencies.SqlGenerationHelper.StatementTerminator);
            EndStatement(builder);
        }
    }
}
