namespace Sync.Worker.Storage;

/// <summary>One step of a dialect's schema history; versions are applied in ascending order, each once.</summary>
/// <param name="Version">Positive, strictly increasing within a dialect; never renumber a released step.</param>
/// <param name="Sql">DDL for the step. Written with IF NOT EXISTS so a half-applied step cannot wedge a retry.</param>
internal sealed record SchemaMigration(int Version, string Sql);

/// <summary>What a dialect contributes to the shared migrator.</summary>
/// <param name="TablePrefix">Prepended to every table name (a schema qualifier such as <c>issuesync.</c>, or empty).</param>
/// <param name="Bootstrap">Creates the <c>schema_version</c> table (and schema) if missing; runs before the version is read.</param>
/// <param name="Migrations">Ordered steps.</param>
/// <param name="OrdinalCollation">The collation that compares text byte by byte (ordinal), for orders both dialects must share.</param>
internal sealed record SchemaDefinition(string TablePrefix, string Bootstrap, IReadOnlyList<SchemaMigration> Migrations, string OrdinalCollation = "BINARY")
{
    public int LatestVersion => Migrations[^1].Version;
}
