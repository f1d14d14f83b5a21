using Sync.Demo;
using Sync.Worker.Hosting;

namespace Sync.Worker.Tests.Hosting;

/// <summary>The sandbox demo has its own entry point: the worker neither carries the sandbox nor starts it.</summary>
[Collection(HostCollection.Name)]
public sealed class DemoEntryPointTests
{
    [Fact]
    public void WorkerAssembly_DoesNotReferenceTheSandbox()
    {
        var references = typeof(IssueSyncApp).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Sync.Core", references);
        Assert.DoesNotContain("Sync.Sandbox", references);
        Assert.DoesNotContain("Sync.Demo", references);
    }

    [Fact]
    public void DemoAssembly_ReferencesTheWorkerAndTheSandbox()
    {
        var references = typeof(DemoApp).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Sync.Worker", references);
        Assert.Contains("Sync.Sandbox", references);
    }

    [Theory]
    [InlineData("--sandbox")]
    [InlineData("--sandbox --once")]
    [InlineData("--sandbox-port 0 --once")]
    [InlineData("--sandbox-issues=10 --once")]
    public async Task Worker_WithASandboxSwitch_Exits2WithOneLinePointingAtTheDemo(string args)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await IssueSyncApp.RunAsync(args.Split(' '), output, error, hooks: null, TestContext.Current.CancellationToken);

        Assert.Equal(IssueSyncApp.ExitConfiguration, code);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --sandbox", line, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/Sync.Demo", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public async Task WorkerHelp_NamesTheDemoCommandAndNoSandboxSwitch()
    {
        var (code, output, _) = await InProcessApp.RunAsync("--help");

        Assert.Equal(0, code);
        Assert.Contains("dotnet run --project src/Sync.Demo", output, StringComparison.Ordinal);
        Assert.DoesNotContain("--sandbox", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoHelp_ListsTheSandboxSwitchesAndTheWorkers()
    {
        var output = new StringWriter();

        var code = await DemoApp.RunAsync(["--help"], output, new StringWriter(), started: null, TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        Assert.Contains("--sandbox-port N", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--sandbox-issues N", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--once", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_AcceptsTheOldSandboxSwitch_AndReportsWorkerMisuseBeforeStartingTheSandbox()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await DemoApp.RunAsync(["--sandbox", "--dry-run"], output, error, started: null, TestContext.Current.CancellationToken);

        Assert.Equal(IssueSyncApp.ExitConfiguration, code);
        Assert.Equal("error: --dry-run only works together with --once, --import-csv or --release-notes (see --help)", error.ToString().Trim());
        Assert.DoesNotContain("Sandbox trackers at", output.ToString(), StringComparison.Ordinal);
    }
}
