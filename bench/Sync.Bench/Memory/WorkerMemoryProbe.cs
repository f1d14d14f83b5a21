using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Sync.Bench.Memory;

/// <summary>RSS of one worker run: at start-up, the kernel's high-water mark after the sync, and after an idle wait.</summary>
internal sealed record WorkerMemory(double StartupMiB, double PeakMiB, double IdleMiB, TimeSpan SyncTime, IReadOnlyList<string> Failed);

/// <summary>
/// Runs the built sandbox demo (<c>Sync.Demo.dll</c>: the worker with the sandbox trackers in the same process, copied
/// next to the bench as a referenced project) as its own process with two extra products on the generated <c>acme/bulk</c> projects, waits until every
/// product's start-up run is recorded in <c>/metrics</c>, and reads <c>/proc/&lt;pid&gt;/status</c>.
/// </summary>
internal static class WorkerMemoryProbe
{
    /// <summary>The bulk products (GitLab's and GitHub's acme/bulk) next to the demo's own two.</summary>
    public static readonly string[] BulkProducts = ["bulkgl", "bulkgh"];

    private static readonly string[] DemoProducts = ["widget", "gadget"];

    public static string WorkerDll => Path.Combine(AppContext.BaseDirectory, "Sync.Demo.dll");

    public static async Task<WorkerMemory> RunAsync(int issues, TimeSpan idleWait, TimeSpan timeout, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The memory section reads /proc/<pid>/status (Linux only).");
        }

        if (!File.Exists(WorkerDll))
        {
            throw new FileNotFoundException($"The demo is not built next to the bench ({WorkerDll}); build bench/Sync.Bench first.", WorkerDll);
        }

        var directory = Directory.CreateTempSubdirectory("issuesync-bench-memory-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in Arguments(issues, Path.Combine(directory, "state.db")))
        {
            start.ArgumentList.Add(arg);
        }

        var sandboxUrl = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var dashboardUrl = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new ConcurrentQueue<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            if (line.StartsWith("Sandbox trackers at ", StringComparison.Ordinal))
            {
                sandboxUrl.TrySetResult(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3].TrimEnd(':'));
            }
            else if (line.StartsWith("IssueSync dashboard: ", StringComparison.Ordinal))
            {
                dashboardUrl.TrySetResult(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2].Replace("/hangfire", string.Empty, StringComparison.Ordinal));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && errors.Count < 200)
            {
                errors.Enqueue(line);
            }
        };

        var watch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var exited = process.WaitForExitAsync(cancellationToken);
            var sandbox = await FirstAsync(sandboxUrl.Task, exited, timeout, errors, cancellationToken);

            // The sandbox's own limits (GitHub's 5,000 requests per hour) would make a 10,000-issue sync wait for
            // an hour; this section is about memory, so they are lifted as soon as the sandbox is up.
            using (var control = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(sandbox), "_sandbox/control")))
            {
                control.Headers.Add("X-Sandbox-Admin", "sandbox-admin");
                control.Content = new StringContent(
                    """{"enforceRateLimits":false,"limits":{"gitHubPerHour":100000000,"gitLabPerMinute":100000000}}""", Encoding.UTF8, "application/json");
                using var answer = await http.SendAsync(control, cancellationToken);
                answer.EnsureSuccessStatusCode();
            }

            var dashboard = await FirstAsync(dashboardUrl.Task, exited, timeout, errors, cancellationToken);
            var startup = Read(process.Id, "VmRSS");
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  worker pid {process.Id} up at {dashboard} (RSS {startup:0} MiB); waiting for the start-up runs of {string.Join(", ", BulkProducts.Concat(DemoProducts))}"));

            IReadOnlyList<string> failed;
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The worker exited with {process.ExitCode} during the sync: {string.Join(" | ", errors.TakeLast(5))}");
                }

                if (watch.Elapsed > timeout)
                {
                    throw new TimeoutException($"The worker's start-up runs did not all finish within {timeout.TotalSeconds:0} s.");
                }

                var text = await http.GetStringAsync(new Uri(new Uri(dashboard), "metrics"), cancellationToken);
                if (BulkProducts.Concat(DemoProducts).All(p => Recorded(text, p, outcome: null)))
                {
                    failed = [.. BulkProducts.Concat(DemoProducts).Where(p => !Recorded(text, p, "succeeded"))];
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }

            var syncTime = watch.Elapsed;
            var peak = Read(process.Id, "VmHWM");
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  synced in {syncTime.TotalSeconds:0.0} s, peak RSS {peak:0} MiB; idle for {idleWait.TotalSeconds:0} s"));
            await Task.Delay(idleWait, cancellationToken);
            var idle = Read(process.Id, "VmRSS");
            return new WorkerMemory(startup, peak, idle, syncTime, failed);
        }
        finally
        {
            await StopAsync(process);
            TryDelete(directory);
        }
    }

    private static IEnumerable<string> Arguments(int issues, string statePath)
    {
        yield return WorkerDll;
        yield return "--sandbox-port";
        yield return "0";
        yield return "--sandbox-issues";
        yield return issues.ToString(CultureInfo.InvariantCulture);
        yield return "--urls";
        yield return "http://127.0.0.1:0";
        yield return $"--IssueSync:Storage:SqlitePath={statePath}";

        // The demo products do not include acme/bulk: one product per tracker reads it (listing and votes; no RICE or
        // roadmap, which would write thousands of labels and comments). Their schedules are off: only the start-up run.
        foreach (var (product, project) in new[] { ("bulkgl", "gitlab:acme/bulk"), ("bulkgh", "github:acme/bulk") })
        {
            yield return $"--IssueSync:Products:{product}:Public={project}";
            foreach (var stage in new[] { "Move", "Votes", "Rice", "Roadmap" })
            {
                yield return $"--IssueSync:Products:{product}:Schedule:{stage}=";
            }
        }
    }

    private static async Task<string> FirstAsync(Task<string> line, Task exited, TimeSpan timeout, ConcurrentQueue<string> errors, CancellationToken cancellationToken)
    {
        var first = await Task.WhenAny(line, exited, Task.Delay(timeout, cancellationToken));
        if (first == line)
        {
            return await line;
        }

        throw new InvalidOperationException($"The worker did not start: {(exited.IsCompleted ? "it exited" : "timed out")}; {string.Join(" | ", errors.TakeLast(5))}");
    }

    /// <summary>Whether <c>issuesync_job_duration_seconds_count</c> has a run of <paramref name="product"/> (with that outcome).</summary>
    private static bool Recorded(string metrics, string product, string? outcome) =>
        metrics.Split('\n').Any(l =>
            l.StartsWith("issuesync_job_duration_seconds_count{", StringComparison.Ordinal)
            && l.Contains($"product=\"{product}\"", StringComparison.Ordinal)
            && (outcome is null || l.Contains($"outcome=\"{outcome}\"", StringComparison.Ordinal))
            && double.TryParse(l[(l.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var count) && count >= 1);

    /// <summary>A <c>/proc/&lt;pid&gt;/status</c> field in MiB (the kernel reports kB).</summary>
    private static double Read(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kb = line[(field.Length + 1)..].Trim().Split(' ')[0];
                return long.Parse(kb, NumberStyles.None, CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {field}.");
    }

    /// <summary>SIGTERM (the host's graceful shutdown, like Ctrl-C), then a kill of this process tree only if it hangs.</summary>
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        try
        {
            process.StandardInput.Close();
            using var term = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false });
            if (term is not null)
            {
                await term.WaitForExitAsync(CancellationToken.None);
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(grace.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

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
