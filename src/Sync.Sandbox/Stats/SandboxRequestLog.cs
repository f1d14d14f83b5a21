namespace Sync.Sandbox;

/// <summary>
/// Every request other than GET the emulated trackers received, in arrival order, before authentication, limits
/// or faults (a rejected request was still sent). Bounded: past <see cref="Capacity"/> the oldest are dropped.
/// End-to-end tests use it to prove that nothing private was ever sent to a public tracker, not only that the
/// final state is clean.
/// </summary>
public sealed class SandboxRequestLog
{
    private readonly Lock _sync = new();
    private readonly Queue<SandboxRequestRecord> _records = new();
    private long _last;

    internal SandboxRequestLog(int capacity) => Capacity = Math.Max(0, capacity);

    public int Capacity { get; }

    /// <summary>Records dropped because the log was full (a test reading a full log knows it saw only the tail).</summary>
    public long Dropped { get; private set; }

    /// <summary>A position to read from later: <c>var mark = log.Mark(); ...; log.Since(mark)</c>.</summary>
    public long Mark()
    {
        lock (_sync)
        {
            return _last;
        }
    }

    public IReadOnlyList<SandboxRequestRecord> Since(long mark)
    {
        lock (_sync)
        {
            return [.. _records.Where(r => r.Sequence > mark)];
        }
    }

    public IReadOnlyList<SandboxRequestRecord> All() => Since(0);

    /// <summary>The decoded bodies (<see cref="SandboxRequestRecord.Text"/>) sent to one instance ("gitlab", "github"...).</summary>
    public IReadOnlyList<string> Bodies(string instance, long since = 0) =>
        [.. Since(since).Where(r => r.Instance == instance).Select(r => r.Text)];

    /// <summary>The requests that carried <paramref name="value"/> anywhere (path, query, raw or decoded body).</summary>
    public IReadOnlyList<SandboxRequestRecord> Containing(string value, long since = 0) =>
        [.. Since(since).Where(r => r.Contains(value))];

    public void Clear()
    {
        lock (_sync)
        {
            _records.Clear();
            Dropped = 0;
        }
    }

    internal void Add(string instance, string method, string path, string query, string? contentType, string body)
    {
        if (Capacity == 0)
        {
            return;
        }

        lock (_sync)
        {
            if (_records.Count == Capacity)
            {
                _records.Dequeue();
                Dropped++;
            }

            _records.Enqueue(new SandboxRequestRecord(++_last, instance, method, path, query, contentType, body));
        }
    }
}
