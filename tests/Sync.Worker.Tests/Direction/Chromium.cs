using System.Diagnostics;
using System.Text;

namespace Sync.Worker.Tests.Direction;

/// <summary>
/// Headless Chromium for page tests. Found through <c>ISSUESYNC_TEST_CHROMIUM</c> (<c>./scripts/test.sh</c>
/// installs the Debian package and sets it) or on the PATH. Missing: the test is skipped, or fails under
/// <c>CI=true</c> so CI can never pass without the browser check.
/// </summary>
internal static class Chromium
{
    public const string PathVariable = "ISSUESYNC_TEST_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

    public static string Require()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured) && File.Exists(configured))
        {
            return configured;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => Names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return onPath;
        }

        var why = string.IsNullOrWhiteSpace(configured)
            ? $"{PathVariable} is not set and no {string.Join("/", Names)} is on the PATH"
            : $"{PathVariable}={configured} does not exist";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"Browser tests cannot be skipped under CI=true: {why} (./scripts/test.sh installs chromium as root).");
        }

        Assert.Skip($"Browser tests skipped: {why} (apt-get install chromium, or run ./scripts/test.sh as root).");
        return null!;
    }

    /// <summary>
    /// Runs Chromium headless with its own throwaway profile and returns what it printed on stdout. A run that
    /// outlives <paramref name="timeout"/> is killed through its own process handle.
    /// </summary>
    public static async Task<string> RunAsync(string executable, string profileDir, TimeSpan timeout, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                     "--disable-extensions", $"--user-data-dir={profileDir}", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium did not finish within {timeout.TotalSeconds:0} s: {string.Join(' ', arguments)}");
        }

        var output = await stdout;
        var errors = await stderr;
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {errors}");
        return output;
    }
}
