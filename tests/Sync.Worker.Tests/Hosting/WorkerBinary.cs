namespace Sync.Worker.Tests.Hosting;

/// <summary>Where the built worker is: it is copied next to the tests as a referenced project.</summary>
internal static class WorkerBinary
{
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "Sync.Worker.dll");

    /// <summary>The built sandbox demo (<c>src/Sync.Demo</c>), copied next to the tests the same way.</summary>
    public static string DemoPath { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "Sync.Demo.dll");
}
