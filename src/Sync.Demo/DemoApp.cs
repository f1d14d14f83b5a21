using Microsoft.Extensions.Options;
using Sync.Sandbox;
using Sync.Worker.Configuration;
using Sync.Worker.Hosting;

namespace Sync.Demo;

/// <summary>
/// The sandbox demo: starts the emulated trackers, raises their write ceilings to the demo's pacing, and runs the
/// worker against them through <see cref="IssueSyncAppHooks"/> (built-in configuration, a fresh demo state file,
/// the start-up runs, and what the sandbox received beside IssueSync's own request counts).
/// </summary>
internal static class DemoApp
{
    /// <param name="started">Called in service mode once the worker listens.</param>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        Action<WebApplication>? started = null,
        CancellationToken cancellationToken = default)
    {
        var demo = DemoCommandLine.Parse(args, out var demoError);
        if (demoError is not null)
        {
            await error.WriteLineAsync($"error: {demoError} (see --help)");
            return IssueSyncApp.ExitConfiguration;
        }

        if (demo.Help)
        {
            await output.WriteLineAsync(DemoCommandLine.Usage);
            await output.WriteLineAsync(CommandLine.Usage);
            return IssueSyncApp.ExitOk;
        }

        // The worker's own misuse (and --hash-password) needs no sandbox: the worker answers it alone.
        var worker = CommandLine.Parse(demo.WorkerArgs, out var workerError);
        if (workerError is not null || worker.HashPassword)
        {
            return await IssueSyncApp.RunAsync([.. demo.WorkerArgs], output, error, hooks: null, cancellationToken);
        }

        await using var sandbox = await SandboxServer.StartAsync(
            new SandboxOptions { Port = demo.SandboxPort, IssuesPerProject = demo.SandboxIssues },
            cancellationToken);
        SandboxDemoConfiguration.RaiseSandboxCeilings(sandbox);
        if (demo.FailedMove && !worker.Once)
        {
            sandbox.Control.InjectFault(sandbox.GitLabDev.Name, sandbox.DemoIssues.FailingMoveFault);
        }

        await output.WriteLineAsync($"Sandbox trackers at {sandbox.BaseAddress} (loaded in {sandbox.LoadTime.TotalMilliseconds:0} ms): GitLab dev {sandbox.GitLabDev.ApiUrl}, GitLab {sandbox.GitLab.ApiUrl}, GitHub {sandbox.GitHub.ApiUrl}");

        var hooks = new IssueSyncAppHooks
        {
            Configuration = SandboxDemoConfiguration.For(sandbox),
            DefaultUrls = DemoCommandLine.DefaultUrls,
            BeforeMigrate = app =>
            {
                // --audit reads what the last demo run left, so it must not start from a clean state.
                if (app.Configuration[IssueSyncOptionsValidator.ConnectionStringKey] is null && worker.AuditCount is null)
                {
                    SandboxDemoConfiguration.ResetDemoState(app.Services.GetRequiredService<IOptions<IssueSyncOptions>>().Value.Storage.SqlitePath);
                }
            },
            OnceReport = () => CountRequests(sandbox),
            RunProductsAtStart = true,
            Started = started,
        };
        return await IssueSyncApp.RunAsync([.. demo.WorkerArgs], output, error, hooks, cancellationToken);
    }

    /// <summary>
    /// The emulated trackers count what they received; printed beside IssueSync's own counts for comparison, one entry per
    /// sandbox instance named by the demo trackers on it (<c>github+ideas</c>: the GitHub tracker and its Discussions forum).
    /// </summary>
    private static Func<IEnumerable<string>> CountRequests(SandboxServer sandbox)
    {
        var before = sandbox.Stats.Snapshot();
        return () =>
        {
            var after = sandbox.Stats.Snapshot();
            var counted = SandboxDemoConfiguration.Instances(sandbox)
                .GroupBy(t => t.Value.Name)
                .Select(g => $"{string.Join("+", g.Select(t => t.Key).Order(StringComparer.Ordinal))} {after.ForInstance(g.Key) - before.ForInstance(g.Key)}");
            return [$"Sandbox received: {string.Join(", ", counted)}"];
        };
    }
}
