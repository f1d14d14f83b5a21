using System.Runtime;

namespace Sync.Worker.Jobs;

/// <summary>
/// Hands the memory a pass used back to the system once no pass is running any more. A full pass of a large project
/// grows the GC heap (listings, vote signals, stored copies); the server GC keeps those pages committed for the next
/// allocation burst, which for a worker that then idles for minutes is only resident memory. When the last running
/// pass ends (and at most once per <see cref="MinimumInterval"/>), one aggressive, compacting collection releases
/// them. It runs between passes only, so no pass pays for the pause.
/// </summary>
internal sealed class IdleMemoryTrim(TimeProvider time)
{
    /// <summary>Passes that end closer together than this share one collection (a burst of triggered runs).</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private int _running;
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    /// <summary>How many collections this trim made (metrics and tests).</summary>
    public int Trims { get; private set; }

    /// <summary>Marks a pass as running until the returned scope is disposed.</summary>
    public Scope Enter()
    {
        lock (_gate)
        {
            _running++;
        }

        return new Scope(this);
    }

    private void Exit()
    {
        lock (_gate)
        {
            _running--;
            var now = time.GetUtcNow();
            if (_running > 0 || now - _last < MinimumInterval)
            {
                return;
            }

            _last = now;
            Trims++;
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    internal readonly struct Scope(IdleMemoryTrim owner) : IDisposable
    {
        public void Dispose() => owner.Exit();
    }
}
