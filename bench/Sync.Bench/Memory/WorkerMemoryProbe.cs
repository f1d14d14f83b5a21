using System.Diagnostics;
using System.Globalization;

namespace Sync.Bench.Memory;

/// <summary>
/// RSS of one worker run: at start-up, the kernel's high-water mark after the sync, and after an idle wait; and the
/// emulator's own high-water mark, which is not the worker's.
/// </summary>
internal sealed record WorkerMemory(double StartupMiB, double PeakMiB, double IdleMiB, TimeSpan SyncTime, IReadOnlyList<string> Failed, double SandboxPeakMiB);

/// <summary>
/// Runs the production worker (<c>Sync.Worker.dll</c>, copied next to the bench as a referenced project) as its own
/// process against the emulated trackers in a second process (<see cref="SandboxProcess"/>), configured on the command
/// line with one product per generated <c>acme/bulk</c> project (listing and votes, schedules off). Once it listens it
/// is asked for a full resync of each (the dashboard's button, from loopback), the probe waits until each run is recorded
/// in <c>/metrics</c>, and reads the worker's <c>/proc/&lt;pid&gt;/status</c>.
/// </summary>
internal static class WorkerMemoryProbe
{
    /// <summary>The bulk products: GitLab's and GitHub's acme/bulk.</summary>
    public static readonly (string Product, string Tracker)[] Bulk = [("bulkgl", "gitlab"), ("bulkgh", "github")];

    public static string[] BulkProducts => [.. Bulk.Select(b => b.Product)];

    public static async Task<WorkerMemory> RunAsync(int issues, TimeSpan idleWait, TimeSpan timeout, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The memory section reads /proc/<pid>/status (Linux only).");
        }

        var workerDll = ChildProcess.BesideBench("Sync.Worker.dll");
        var directory = Directory.CreateTempSubdirectory("issuesync-bench-memory-").FullName;
        try
        {
            await using var sandbox = await SandboxProcess.StartAsync(issues, directory, timeout, cancellationToken);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  sandbox pid {sandbox.Process.Id} at {sandbox.BaseAddress} ({issues} issues per project, RSS {sandbox.Process.ReadMiB("VmRSS"):0} MiB)"));

            var dashboardUrl = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            var watch = Stopwatch.StartNew();
            await using var worker = ChildProcess.Start(workerDll, Arguments(sandbox, Path.Combine(directory, "state.db")), directory, line =>
            {
                if (line.StartsWith("IssueSync dashboard: ", StringComparison.Ordinal))
                {
                    var url = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
                    dashboardUrl.TrySetResult(new Uri(url[..url.LastIndexOf("/hangfire", StringComparison.Ordinal)] + "/"));
                }
            });

            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
            var dashboard = await worker.FirstAsync(dashboardUrl.Task, "The worker", timeout, cancellationToken);
            var startup = worker.ReadMiB("VmRSS");
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  worker pid {worker.Id} up at {dashboard} (RSS {startup:0} MiB); full resync of {string.Join(", ", BulkProducts)}"));
            foreach (var product in BulkProducts)
            {
                // The dashboard's "Full resync" button; loopback gets in without credentials when no user is configured.
                using var answer = await http.PostAsync(new Uri(dashboard, $"hangfire/issuesync/products/{product}/all"), content: null, cancellationToken);
                if ((int)answer.StatusCode != 303)
                {
                    throw new InvalidOperationException($"The worker answered {(int)answer.StatusCode} to the full resync of {product}.");
                }
            }

            IReadOnlyList<string> failed;
            while (true)
            {
                if (worker.HasExited)
                {
                    throw new InvalidOperationException($"The worker exited with {worker.ExitCode} during the sync: {worker.LastErrors}");
                }

                if (watch.Elapsed > timeout)
                {
                    throw new TimeoutException($"The worker's runs did not all finish within {timeout.TotalSeconds:0} s.");
                }

                var text = await http.GetStringAsync(new Uri(dashboard, "metrics"), cancellationToken);
                if (BulkProducts.All(p => Recorded(text, p, outcome: null)))
                {
                    failed = [.. BulkProducts.Where(p => !Recorded(text, p, "succeeded"))];
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }

            var syncTime = watch.Elapsed;
            var peak = worker.ReadMiB("VmHWM");
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  synced in {syncTime.TotalSeconds:0.0} s, peak RSS {peak:0} MiB; idle for {idleWait.TotalSeconds:0} s"));
            await Task.Delay(idleWait, cancellationToken);
            var idle = worker.ReadMiB("VmRSS");
            var sandboxPeak = sandbox.Process.ReadMiB("VmHWM");
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  idle RSS {idle:0} MiB (sandbox process peak {sandboxPeak:0} MiB, not counted)"));
            return new WorkerMemory(startup, peak, idle, syncTime, failed, sandboxPeak);
        }
        finally
        {
            TryDelete(directory);
        }
    }

    /// <summary>
    /// The worker's configuration, all on the command line: the two sandbox trackers, one product per acme/bulk (listing
    /// and votes; no RICE or roadmap, which would write thousands of labels and comments) with every schedule off, so only
    /// the requested full resync runs. Its own <c>appsettings.json</c> (beside the bench) is read, as in the container.
    /// </summary>
    private static IEnumerable<string> Arguments(SandboxProcess sandbox, string statePath)
    {
        yield return "--urls";
        yield return "http://127.0.0.1:0";
        yield return "--contentRoot";
        yield return AppContext.BaseDirectory;
        yield return $"--IssueSync:Storage:SqlitePath={statePath}";
        foreach (var name in Bulk.Select(b => b.Tracker))
        {
            var tracker = sandbox.Tracker(name);
            yield return $"--IssueSync:Trackers:{name}:Kind={tracker.Kind}";
            yield return $"--IssueSync:Trackers:{name}:ApiUrl={tracker.ApiUrl}";
            yield return $"--IssueSync:Trackers:{name}:Token={tracker.Token}";
        }

        foreach (var (product, tracker) in Bulk)
        {
            yield return $"--IssueSync:Products:{product}:Public={tracker}:acme/bulk";
            foreach (var stage in new[] { "Move", "Votes", "Rice", "Roadmap" })
            {
                yield return $"--IssueSync:Products:{product}:Schedule:{stage}=";
            }
        }
    }

    /// <summary>Whether <c>issuesync_job_duration_seconds_count</c> has a run of <paramref name="product"/> (with that outcome).</summary>
    private static bool Recorded(string metrics, string product, string? outcome) =>
        metrics.Split('\n').Any(l =>
            l.StartsWith("issuesync_job_duration_seconds_count{", StringComparison.Ordinal)
            && l.Contains($"product=\"{product}\"", StringComparison.Ordinal)
            && (outcome is null || l.Contains($"outcome=\"{outcome}\"", StringComparison.Ordinal))
            && double.TryParse(l[(l.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var count) && count >= 1);

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }
}
