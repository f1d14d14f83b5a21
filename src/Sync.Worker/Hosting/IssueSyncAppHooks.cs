namespace Sync.Worker.Hosting;

/// <summary>
/// What another entry point (or a test) adds to the worker's process without the worker knowing about it: its own
/// configuration, a default address, a step before the state store is migrated, a report after a <c>--once</c> run,
/// runs of every product at start-up, and a look at the started application.
/// </summary>
internal sealed class IssueSyncAppHooks
{
    /// <summary>Configuration that wins over appsettings.json and the environment; the command line still overrides it.</summary>
    public IReadOnlyDictionary<string, string?>? Configuration { get; init; }

    /// <summary>The listen address when no <c>urls</c> setting gives one.</summary>
    public string? DefaultUrls { get; init; }

    /// <summary>Changes the services after IssueSync registered its own (adds, replaces or removes one).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Runs once the options are valid, before the state store is migrated.</summary>
    public Action<WebApplication>? BeforeMigrate { get; init; }

    /// <summary>
    /// Called before a <c>--once</c> run; the function it returns is called after the summary is printed and gives
    /// further lines to print (for example what the other side of the wire counted).
    /// </summary>
    public Func<Func<IEnumerable<string>>>? OnceReport { get; init; }

    /// <summary>In service mode, runs every product's pipeline (every stage, in order) right after start-up.</summary>
    public bool RunProductsAtStart { get; init; }

    /// <summary>Called in service mode once the application listens.</summary>
    public Action<WebApplication>? Started { get; init; }
}
