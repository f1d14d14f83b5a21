using System.Diagnostics;

namespace Sync.Worker.Tests.Hosting;

/// <summary>The built worker as a separate OS process (the real exit codes and start-up races).</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _dashboard = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder _errors = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)))
            {
                lock (_errors)
                {
                    _errors.AppendLine(line);
                }
            }

            if (e.Data?.StartsWith("IssueSync dashboard: ", StringComparison.Ordinal) == true)
            {
                _dashboard.TrySetResult(e.Data.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        process.Exited += (_, _) => _dashboard.TrySetException(new InvalidOperationException($"worker exited with {process.ExitCode}: {Errors}"));
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>The sandbox demo on PostgreSQL.</summary>
    public static WorkerProcess Start(string connectionString) =>
        Start([
            "--sandbox", "--sandbox-port", "0", "--urls", "http://127.0.0.1:0", $"--ConnectionStrings:IssueSync={connectionString}",
            "--Logging:LogLevel:Default=Warning",
        ]);

    /// <param name="arguments">The worker's command line (with <c>--sandbox</c>: the demo's).</param>
    public static WorkerProcess Start(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var args = InProcessApp.WithDemoDefaults([.. arguments]).ToList();
        foreach (var arg in args.Prepend(InProcessApp.IsDemo(args) ? WorkerBinary.DemoPath : WorkerBinary.Path))
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    public Task<string> WaitForDashboardAsync(CancellationToken cancellationToken) =>
        _dashboard.Task.WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);

    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
