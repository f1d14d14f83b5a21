using Sync.Worker.Hosting;

namespace Sync.Worker.Tests.Hosting;

/// <summary>Runs the real <see cref="IssueSyncApp"/> in this process and captures what it prints.</summary>
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
        return IssueSyncApp.RunAsync(args, Output, Error, configure: null, started, cancellationToken);
    }

    public static string TempPath(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "issuesync-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }
}
