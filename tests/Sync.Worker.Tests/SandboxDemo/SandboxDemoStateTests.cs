using Sync.Demo;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.SandboxDemo;

/// <summary>The demo's state starts afresh with its sandbox; any other store is never touched.</summary>
public sealed class SandboxDemoStateTests
{
    [Fact]
    public void ResetDemoState_LeavesAnExplicitlyConfiguredStoreAlone()
    {
        var explicitPath = InProcessApp.TempPath("mine.db");
        File.WriteAllText(explicitPath, "keep me");

        SandboxDemoConfiguration.ResetDemoState(explicitPath);

        Assert.Equal("keep me", File.ReadAllText(explicitPath));
    }

    [Fact]
    public void ResetDemoState_DeletesTheDemoFiles_AndToleratesTheirAbsence()
    {
        var demo = Path.GetFullPath(SandboxDemoConfiguration.DemoStatePath);
        Directory.CreateDirectory(Path.GetDirectoryName(demo)!);
        File.WriteAllText(demo, "old demo");
        File.WriteAllText(demo + "-wal", "old wal");

        SandboxDemoConfiguration.ResetDemoState(SandboxDemoConfiguration.DemoStatePath);
        SandboxDemoConfiguration.ResetDemoState(SandboxDemoConfiguration.DemoStatePath); // nothing left: no error

        Assert.False(File.Exists(demo));
        Assert.False(File.Exists(demo + "-wal"));
    }
}
