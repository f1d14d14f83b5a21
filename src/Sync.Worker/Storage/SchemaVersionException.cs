namespace Sync.Worker.Storage;

/// <summary>
/// The database was migrated by a newer IssueSync than this one. Running on would risk writing rows the newer
/// schema no longer expects, so start-up stops instead.
/// </summary>
internal sealed class SchemaVersionException : Exception
{
    public SchemaVersionException()
    {
    }

    public SchemaVersionException(string message)
        : base(message)
    {
    }

    public SchemaVersionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SchemaVersionException(int databaseVersion, int knownVersion)
        : base($"The state store schema is at version {databaseVersion}, but this IssueSync build only knows versions up to {knownVersion}. Upgrade IssueSync (or point it at another database); refusing to run against a newer schema.")
    {
        DatabaseVersion = databaseVersion;
        KnownVersion = knownVersion;
    }

    public int DatabaseVersion { get; }

    public int KnownVersion { get; }
}
