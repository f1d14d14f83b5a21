using System.Diagnostics;

namespace Sync.Worker.Tests.Hosting;

/// <summary>Tokens never reach the logs, even at the most verbose level, in a full run against the sandbox.</summary>
public sealed class LogSecrecyTests
{
    [Fact]
    public async Task FullRun_AtTraceLevel_LogsNoToken()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            WorkerBinary.DemoPath, "--sandbox", "--sandbox-port", "0", "--once", "--Logging:LogLevel:Default=Trace",
            "--Logging:LogLevel:System.Net.Http.HttpClient=Trace", "--Logging:LogLevel:Polly=Trace", "--Logging:LogLevel:Microsoft.AspNetCore=Trace",
            $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("s.db")}",
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var ct = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var log = await output + await error;

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Result: ok", log, StringComparison.Ordinal);
        Assert.Contains("trce:", log, StringComparison.Ordinal); // the run really logged at Trace level
        foreach (var token in new[] { "sandbox-gitlab-dev-token", "sandbox-gitlab-token", "sandbox-github-token" })
        {
            Assert.DoesNotContain(token, log, StringComparison.Ordinal);
        }
    }
}
