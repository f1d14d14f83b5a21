using Sync.Core.Storage;

namespace Sync.Worker.Tests.Storage;

/// <summary>A database the contract runs against; disposing it disposes every store it created.</summary>
public interface IStoreDatabase : IAsyncDisposable
{
    /// <summary>Name of the schema_version table as raw SQL must spell it.</summary>
    string SchemaVersionTable { get; }

    /// <summary>A new, unmigrated store instance, as a separate process would have.</summary>
    IStateStore CreateStore();

    /// <summary>Raw SQL, for tests that must put the database into a state the port cannot.</summary>
    Task ExecuteAsync(string sql, CancellationToken cancellationToken);
}
