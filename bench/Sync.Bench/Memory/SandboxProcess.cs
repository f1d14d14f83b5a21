using System.Text;

namespace Sync.Bench.Memory;

/// <summary>One emulated tracker as the sandbox's banner prints it (<c>  gitlab  gitlab  api URL  token TOKEN</c>).</summary>
internal sealed record SandboxTracker(string Name, string Kind, Uri ApiUrl, string Token);

/// <summary>
/// The emulated trackers as their own process (<c>dotnet Sync.Sandbox.dll --port 0 --issues N --no-limits</c>), so the
/// worker's process holds only the worker. The trackers are read from the banner the sandbox prints once it listens.
/// </summary>
internal sealed class SandboxProcess : IAsyncDisposable
{
    private SandboxProcess(ChildProcess process, Uri baseAddress, IReadOnlyList<SandboxTracker> trackers)
    {
        Process = process;
        BaseAddress = baseAddress;
        Trackers = trackers;
    }

    public ChildProcess Process { get; }

    public Uri BaseAddress { get; }

    public IReadOnlyList<SandboxTracker> Trackers { get; }

    public SandboxTracker Tracker(string name) =>
        Trackers.FirstOrDefault(t => t.Name == name) ?? throw new InvalidOperationException($"The sandbox printed no tracker '{name}'.");

    public static async Task<SandboxProcess> StartAsync(int issues, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var dll = ChildProcess.BesideBench("Sync.Sandbox.dll");
        var trackers = new List<SandboxTracker>();
        Uri? baseAddress = null;
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = ChildProcess.Start(dll, ["--port", "0", "--issues", issues.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-limits"], workingDirectory, line =>
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (line.StartsWith("IssueSync sandbox listening on ", StringComparison.Ordinal))
            {
                baseAddress = new Uri(words[^1]);
            }
            else if (words is [var name, var kind, "api", var api, "token", var token])
            {
                lock (trackers)
                {
                    trackers.Add(new SandboxTracker(name, kind, new Uri(api), token));
                }
            }
            else if (line.StartsWith("Press Ctrl+C", StringComparison.Ordinal) && baseAddress is { } address)
            {
                ready.TrySetResult(address);
            }
        });
        try
        {
            var address = await process.FirstAsync(ready.Task, "The sandbox", timeout, cancellationToken);
            var sandbox = new SandboxProcess(process, address, [.. trackers]);
            await sandbox.LiftHeaderLimitsAsync(cancellationToken);
            return sandbox;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// <c>--no-limits</c> stops the sandbox refusing requests, but its rate-limit headers still announce GitHub's 5,000 an
    /// hour, which the worker's limiter honours; as before, the limits themselves are raised too, so a 10,000-issue sync
    /// is not paced by an hour's budget (this section is about memory).
    /// </summary>
    private async Task LiftHeaderLimitsAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var control = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, "_sandbox/control"));
        control.Headers.Add("X-Sandbox-Admin", "sandbox-admin");
        control.Content = new StringContent(
            """{"enforceRateLimits":false,"limits":{"gitHubPerHour":100000000,"gitLabPerMinute":100000000}}""", Encoding.UTF8, "application/json");
        using var answer = await http.SendAsync(control, cancellationToken);
        answer.EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
