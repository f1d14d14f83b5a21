namespace Sync.Sandbox;

/// <summary>Latency, fault injection and rate-limit settings, changeable while the server runs.</summary>
public sealed class SandboxControl
{
    private readonly Lock _sync = new();
    private readonly List<Queued> _faults = [];

    internal SandboxControl(bool enforceRateLimits) => EnforceRateLimits = enforceRateLimits;

    /// <summary>Added to every tracker request (real time, so fake clocks do not stall it).</summary>
    public int LatencyMs { get; set; }
    public bool EnforceRateLimits { get; set; }
    public SandboxLimits Limits { get; } = new();

    /// <summary>Queues a fault for an instance ("gitlab-dev", "gitlab", "github").</summary>
    public void InjectFault(string instance, SandboxFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        fault.Validate();
        lock (_sync)
        {
            _faults.Add(new Queued(instance, fault, fault.Skip, fault.Count));
        }
    }

    /// <summary>Faults queued and not yet triggered (a test waits for 0 to know its fault has struck).</summary>
    public int PendingFaults
    {
        get
        {
            lock (_sync)
            {
                return _faults.Count;
            }
        }
    }

    public void ClearFaults()
    {
        lock (_sync)
        {
            _faults.Clear();
        }
    }

    /// <summary>
    /// Offers a request to the queued faults of one phase (<paramref name="afterCommit"/>) in queue order: a matching
    /// fault still skipping counts it down and lets it pass on, the first matching fault done skipping strikes; a fault
    /// that has struck <see cref="SandboxFault.Count"/> times is removed.
    /// </summary>
    /// <param name="operations">The top-level fields of a GraphQL request's document, for <see cref="SandboxFault.Operation"/>.</param>
    internal SandboxFault? TakeFault(string instance, string method, string path, string endpoint, bool afterCommit, IReadOnlyCollection<string>? operations = null)
    {
        lock (_sync)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var queued = _faults[i];
                if (queued.Instance != instance || queued.Fault.AfterCommit != afterCommit || !queued.Fault.Matches(method, path, endpoint, operations))
                {
                    continue;
                }

                if (queued.Skip > 0)
                {
                    // Let it through this fault; a fault queued later may still strike it.
                    queued.Skip--;
                    continue;
                }

                if (--queued.Left <= 0)
                {
                    _faults.RemoveAt(i);
                }

                return queued.Fault;
            }

            return null;
        }
    }

    private sealed class Queued(string instance, SandboxFault fault, int skip, int left)
    {
        public string Instance => instance;
        public SandboxFault Fault => fault;
        public int Skip { get; set; } = skip;
        public int Left { get; set; } = left;
    }
}
