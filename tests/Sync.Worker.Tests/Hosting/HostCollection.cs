namespace Sync.Worker.Tests.Hosting;

/// <summary>
/// Hangfire keeps static state (log provider, global configuration) across hosts in one process, so every test
/// that builds the real host runs in this one non-parallel collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostCollection
{
    public const string Name = "Real host";
}
