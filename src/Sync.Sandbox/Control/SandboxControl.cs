namespace Sync.Sandbox;

/// <summary>Latency, fault injection and rate-limit settings, changeable while the server runs.</summary>
public sealed class SandboxControl
{
    private readonly Lock _sync = new();
    private readonly List<(string Instance, SandboxFault Fault, int Left)> _faults = [];

    internal SandboxControl(bool enforceRateLimits) => EnforceRateLimits = enforceRateLimits;

    /// <summary>Added to every tracker request (real time, so fake clocks do not stall it).</summary>
    public int LatencyMs { get; set; }
    public bool EnforceRateLimits { get; set; }
    public SandboxLimits Limits { get; } = new();

    /// <summary>Queues a fault for an instance ("gitlab-dev", "gitlab", "github").</summary>
    public void InjectFault(string instance, SandboxFault fault)
    {
        lock (_sync)
        {
            _faults.Add((instance, fault, fault.Count));
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

    internal SandboxFault? TakeFault(string instance, string method, string path)
    {
        lock (_sync)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var (name, fault, left) = _faults[i];
                if (name != instance
                    || (fault.Method is { } m && !m.Equals(method, StringComparison.OrdinalIgnoreCase))
                    || (fault.PathContains is { } p && !path.Contains(p, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                if (left <= 1)
                {
                    _faults.RemoveAt(i);
                }
                else
                {
                    _faults[i] = (name, fault, left - 1);
                }

                return fault;
            }

            return null;
        }
    }
}
