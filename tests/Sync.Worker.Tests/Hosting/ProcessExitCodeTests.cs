using System.Diagnostics;

namespace Sync.Worker.Tests.Hosting;

/// <summary>The real process: a configuration error is exit code 2 and one line on stderr.</summary>
public sealed class ProcessExitCodeTests
{
    [Fact]
    public async Task Process_WithUnknownTrackerInProduct_Exits2WithOneLine()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { WorkerBinary.Path, "--once", "--IssueSync:Products:web:Public=nowhere:acme/web", $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("s.db")}" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var errorTask = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var outputTask = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var error = await errorTask;
        await outputTask;

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("error: IssueSync:Products:web:Public: unknown tracker 'nowhere' in 'nowhere:acme/web' (none is configured)", error.Trim());
    }
}
