namespace Sync.Core.Pipeline;

/// <summary>
/// Collects every write a run makes to a tracker — or, in a dry run, would make — so the summary can list them.
/// The durable audit log is separate (<see cref="Storage.IAuditLog"/>).
/// </summary>
public interface IWriteJournal
{
    void Record(PlannedWrite write);

    IReadOnlyList<PlannedWrite> Writes { get; }
}

/// <param name="Action">What kind of write (create, edit, comment, label, close...).</param>
/// <param name="Target">The issue, comment or project it is made to.</param>
/// <param name="Detail">The content, as it would be written (already redacted).</param>
public sealed record PlannedWrite(string Action, string Target, string Detail);

/// <summary>Thread-safe in-memory journal used for one pipeline run.</summary>
public sealed class WriteJournal : IWriteJournal
{
    private readonly List<PlannedWrite> _writes = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<PlannedWrite> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    public void Record(PlannedWrite write)
    {
        lock (_gate)
        {
            _writes.Add(write);
        }
    }
}
