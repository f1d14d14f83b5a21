namespace Sync.Sandbox;

public sealed class SandboxOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>0 = only the demo data; N &gt; 0 also generates "acme/bulk" with N issues on every instance.</summary>
    public int IssuesPerProject { get; set; }
    public int RandomSeed { get; set; } = 42;

    /// <summary>Primary and secondary rate limits on or off (headers are sent either way).</summary>
    public bool EnforceRateLimits { get; set; } = true;

    /// <summary>null = <see cref="TimeProvider.System"/>; tests pass a FakeTimeProvider, benchmarks a scaled clock.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>How many requests other than GET <see cref="SandboxServer.Requests"/> keeps (oldest dropped first); 0 keeps none.</summary>
    public int RequestLogCapacity { get; set; } = 100_000;

    /// <summary>Value of the X-Sandbox-Admin header required by the /_sandbox endpoints.</summary>
    public string AdminToken { get; set; } = "sandbox-admin";
}
