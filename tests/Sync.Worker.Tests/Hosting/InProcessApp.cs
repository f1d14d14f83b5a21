using Sync.Demo;
using Sync.Worker.Hosting;

namespace Sync.Worker.Tests.Hosting;

/// <summary>
/// Runs the real entry point in this process and captures what it prints: arguments with a <c>--sandbox</c> switch
/// run the sandbox demo (<see cref="DemoApp"/>, which accepts them as a user types them), the rest the worker
/// (<see cref="IssueSyncApp"/>).
/// </summary>
internal sealed class InProcessApp
{
    public StringWriter Output { get; } = new();

    public StringWriter Error { get; } = new();

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var app = new InProcessApp();
        var code = await app.RunAsync(args, started: null, TestContext.Current.CancellationToken);
        return (code, app.Output.ToString(), app.Error.ToString());
    }

    public Task<int> RunAsync(string[] args, Action<WebApplication>? started, CancellationToken cancellationToken)
    {
        // Hangfire's static log provider would otherwise point at the logger factory of a disposed earlier host.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        return IsDemo(args)
            ? DemoApp.RunAsync(WithDemoDefaults(args), Output, Error, started, cancellationToken)
            : IssueSyncApp.RunAsync(args, Output, Error, new IssueSyncAppHooks { Started = started }, cancellationToken);
    }

    public static bool IsDemo(IEnumerable<string> args) => args.Any(a => a.StartsWith("--sandbox", StringComparison.Ordinal));

    /// <summary>
    /// The demo's deliberately failing move (<c>--sandbox-failed-move</c>, on by default in service mode) is off unless a
    /// test asks for it: the tests of a clean demo run would otherwise see that planned failure as theirs.
    /// </summary>
    public static string[] WithDemoDefaults(IReadOnlyList<string> args) =>
        IsDemo(args) && !args.Any(a => a.StartsWith("--sandbox-failed-move", StringComparison.Ordinal))
            ? [.. args, "--sandbox-failed-move=off"]
            : [.. args];

    public static string TempPath(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "issuesync-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }
}
