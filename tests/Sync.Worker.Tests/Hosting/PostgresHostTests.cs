using System.Diagnostics;
using System.Net;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Hosting;

/// <summary>Replicas on PostgreSQL: real worker processes against a fresh, empty database.</summary>
[Collection(HostCollection.Name)]
public sealed class PostgresHostTests
{
    [Fact]
    public async Task TwoProcesses_StartingAtOnceOnAnEmptyDatabase_BothComeUp()
    {
        await using var database = await PostgresTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var ct = TestContext.Current.CancellationToken;

        using var first = WorkerProcess.Start(database.ConnectionString);
        using var second = WorkerProcess.Start(database.ConnectionString);
        var urls = await Task.WhenAll(first.WaitForDashboardAsync(ct), second.WaitForDashboardAsync(ct));

        using var http = new HttpClient();
        foreach (var url in urls)
        {
            var ready = await http.GetAsync(new Uri(new Uri(url), "/readyz"), ct);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        await first.StopAsync();
        await second.StopAsync();
        Assert.True(string.IsNullOrWhiteSpace(first.Errors + second.Errors), first.Errors + second.Errors);
    }

    [Fact]
    public async Task Once_OnPostgres_KeepsTheCursorBetweenProcesses()
    {
        await using var database = await PostgresTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        string[] args = ["--sandbox", "--sandbox-port", "0", "--once", $"--ConnectionStrings:IssueSync={database.ConnectionString}"];

        var first = await InProcessApp.RunAsync(args);
        var second = await InProcessApp.RunAsync(args);

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.Contains("first listing", first.Output, StringComparison.Ordinal);
        Assert.Contains("dev:acme/widget: 0 issue(s) new or changed", second.Output, StringComparison.Ordinal);
    }

    /// <summary>The built worker as a separate OS process (the real exit codes and start-up races).</summary>
    private sealed class WorkerProcess : IDisposable
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

        public static WorkerProcess Start(string connectionString)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { WorkerBinary.Path, "--sandbox", "--sandbox-port", "0", "--urls", "http://127.0.0.1:0", $"--ConnectionStrings:IssueSync={connectionString}", "--Logging:LogLevel:Default=Warning" })
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
}
