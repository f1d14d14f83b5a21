using System.Diagnostics;
using Sync.Worker.Dashboard;
using Sync.Worker.Hosting;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>The <c>--hash-password</c> command and the start-up checks of <c>IssueSync:Dashboard:Users</c>.</summary>
[Collection(HostCollection.Name)]
public sealed class DashboardConfigurationTests
{
    private const string Key = "IssueSync:Dashboard:Users";

    [Fact]
    public async Task HashPasswordCommand_PrintsOneHashThatVerifies()
    {
        var (code, output, error) = await RunWorkerAsync("pässword with spaces\n", "--hash-password");

        Assert.True(code == 0, error);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r');
        Assert.StartsWith($"{PasswordHash.Scheme}${PasswordHash.DefaultIterations}$", line, StringComparison.Ordinal);
        Assert.True(PasswordHash.TryParse(line, out var hash));
        Assert.True(hash!.Verify("pässword with spaces"));
        Assert.False(hash.Verify("pässword with space"));
    }

    [Fact]
    public async Task HashPasswordCommand_WithoutInput_ExitsWith2()
    {
        var (code, output, error) = await RunWorkerAsync(string.Empty, "--hash-password");

        Assert.Equal(IssueSyncApp.ExitConfiguration, code);
        Assert.Empty(output);
        Assert.Contains("standard input", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PasswordHash_RejectsWeakOrMalformedForms()
    {
        var good = PasswordHash.Create("x", PasswordHash.MinIterations);
        Assert.True(PasswordHash.TryParse(good, out _));
        Assert.False(PasswordHash.TryParse(good.Replace("$100000$", "$99999$", StringComparison.Ordinal), out _));
        Assert.False(PasswordHash.TryParse(good.Replace("pbkdf2-sha256", "pbkdf2-sha1", StringComparison.Ordinal), out _));
        Assert.False(PasswordHash.TryParse(good + "$extra", out _));
        Assert.False(PasswordHash.TryParse("plain-text-password", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => PasswordHash.Create("x", 1000));
    }

    [Fact]
    public async Task MalformedHash_StopsWithOneLineNamingTheKey_AndNeverTheHash()
    {
        const string malformed = "pbkdf2-sha256$1000$c2FsdA==$bm90LWEtaGFzaA==";
        var (code, _, error) = await InProcessApp.RunAsync(
            "--sandbox", "--sandbox-port", "0", $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("s.db")}",
            "--IssueSync:Dashboard:Users:0:Name=alice", $"--IssueSync:Dashboard:Users:0:PasswordHash={malformed}");

        Assert.Equal(IssueSyncApp.ExitConfiguration, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {Key}:0:PasswordHash: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("c2FsdA", error, StringComparison.Ordinal);
        Assert.DoesNotContain("bm90LWEtaGFzaA", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateAndEmptyNames_AreStartUpErrors()
    {
        var hash = PasswordHash.Create("x", PasswordHash.MinIterations);
        var (code, _, error) = await InProcessApp.RunAsync(
            "--sandbox", "--sandbox-port", "0", $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("s.db")}",
            "--IssueSync:Dashboard:Users:0:Name=alice", $"--IssueSync:Dashboard:Users:0:PasswordHash={hash}",
            "--IssueSync:Dashboard:Users:1:Name=alice", $"--IssueSync:Dashboard:Users:1:PasswordHash={hash}",
            "--IssueSync:Dashboard:Users:2:Name=", $"--IssueSync:Dashboard:Users:2:PasswordHash={hash}");

        Assert.Equal(IssueSyncApp.ExitConfiguration, code);
        Assert.Contains($"error: {Key}:1:Name: 'alice' is already the name of {Key}:0", error, StringComparison.Ordinal);
        Assert.Contains($"error: {Key}:2:Name: is empty", error, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostsWithSchemePortOrWildcard_AreStartUpErrors()
    {
        var (code, _, error) = await InProcessApp.RunAsync(
            "--sandbox", "--sandbox-port", "0", $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("s.db")}",
            "--IssueSync:Dashboard:Hosts:0=dash.example", "--IssueSync:Dashboard:Hosts:1=https://dash.example",
            "--IssueSync:Dashboard:Hosts:2=dash.example:8443", "--IssueSync:Dashboard:Hosts:3=*.example");

        Assert.Equal(IssueSyncApp.ExitConfiguration, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        foreach (var i in new[] { 1, 2, 3 })
        {
            Assert.Contains(lines, l => l.StartsWith($"error: IssueSync:Dashboard:Hosts:{i}: is not a host name", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(0, null, true)] // no users: loopback is the only way in
    [InlineData(1, null, false)] // users: credentials, whatever the address
    [InlineData(1, true, true)]
    [InlineData(0, false, false)]
    public void LoopbackWithoutCredentials_DefaultsToOnlyWhenNoUserExists(int users, bool? allowLoopback, bool expected)
    {
        var options = new Sync.Worker.Configuration.DashboardAccessOptions { AllowLoopback = allowLoopback };
        for (var i = 0; i < users; i++)
        {
            options.Users.Add(new Sync.Worker.Configuration.DashboardUserOptions { Name = $"u{i}", PasswordHash = "x" });
        }

        Assert.Equal(expected, options.LoopbackWithoutCredentials);
    }

    /// <summary>The built worker as its own process, with <paramref name="stdin"/> piped in.</summary>
    private static async Task<(int Code, string Output, string Error)> RunWorkerAsync(string stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[WorkerBinary.Path, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        var ct = TestContext.Current.CancellationToken;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
