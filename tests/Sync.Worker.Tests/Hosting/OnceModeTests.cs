using System.Text.Json;

namespace Sync.Worker.Tests.Hosting;

/// <summary><c>--once</c> against the sandbox trackers over real loopback HTTP.</summary>
[Collection(HostCollection.Name)]
public sealed class OnceModeTests
{
    [Fact]
    public async Task Once_AgainstSandbox_ReadsEveryProjectAndWritesTheJsonSummary()
    {
        var state = InProcessApp.TempPath("state.db");
        var json = InProcessApp.TempPath("summary.json");

        var (code, output, error) = await InProcessApp.RunAsync(
            "--sandbox", "--sandbox-port", "0", "--once", "--summary-json", json, $"--IssueSync:Storage:SqlitePath={state}");

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        Assert.Contains("Product widget → github:acme/widget: ok", output, StringComparison.Ordinal);
        Assert.Contains("Product gadget → gitlab:acme/gadget: ok", output, StringComparison.Ordinal);
        Assert.Contains("dev:acme/widget:", output, StringComparison.Ordinal);
        Assert.Contains("first listing", output, StringComparison.Ordinal);
        Assert.Contains("\nResult: ok", output, StringComparison.Ordinal);

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        Assert.True(summary.RootElement.GetProperty("succeeded").GetBoolean());
        Assert.Equal(2, summary.RootElement.GetProperty("products").GetArrayLength());
        var trackers = summary.RootElement.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("tracker").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "dev", "gitlab", "github", "ideas", "forum" }, trackers);

        // IssueSync's request counts agree exactly with what the sandbox trackers received (the GitHub tracker and the
        // widget's Discussions forum share the GitHub instance).
        static string InstanceOf(string? tracker) => tracker is "github" or "ideas" ? "github+ideas" : tracker!;
        var ours = summary.RootElement.GetProperty("requests").EnumerateArray()
            .GroupBy(r => InstanceOf(r.GetProperty("tracker").GetString()))
            .Select(g => $"{g.Key} {g.Sum(r => r.GetProperty("total").GetInt64())}").Order(StringComparer.Ordinal);
        var received = output.Split('\n').Single(l => l.StartsWith("Sandbox received: ", StringComparison.Ordinal))["Sandbox received: ".Length..]
            .Trim().Split(", ").Order(StringComparer.Ordinal);
        Assert.Equal(ours, received);
    }

    [Fact]
    public async Task Once_RunTwice_SecondRunSeesNothingChanged()
    {
        var state = InProcessApp.TempPath("state.db");
        string[] args = ["--sandbox", "--sandbox-port", "0", "--once", $"--IssueSync:Storage:SqlitePath={state}"];

        var first = await InProcessApp.RunAsync(args);
        var second = await InProcessApp.RunAsync(args);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain(" 0 issue(s) new or changed", first.Output, StringComparison.Ordinal);
        Assert.Contains("dev:acme/widget: 0 issue(s) new or changed", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("first listing", second.Output, StringComparison.Ordinal);

        // RICE labelled and commented every open public issue on the first run; the rerun writes nothing.
        Assert.Matches(@"github:acme/widget: [1-9]\d* label change\(s\), \d+ label\(s\) created, [1-9]\d* comment\(s\) posted", first.Output);
        Assert.Contains("github:acme/widget: 0 label change(s), 0 label(s) created, 0 comment(s) posted, 0 edited", second.Output, StringComparison.Ordinal);
        Assert.Contains("gitlab:acme/gadget: 0 label change(s), 0 label(s) created, 0 comment(s) posted, 0 edited", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_DryRun_SavesNoCursor()
    {
        var state = InProcessApp.TempPath("state.db");
        string[] args = ["--sandbox", "--sandbox-port", "0", "--once", "--dry-run", $"--IssueSync:Storage:SqlitePath={state}"];

        var first = await InProcessApp.RunAsync(args);
        var second = await InProcessApp.RunAsync(args);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("dry run: no writes made", first.Output, StringComparison.Ordinal);
        Assert.Matches(@"label github:acme/widget#\d+:\s+\| \+rice::(top|high|medium|low|needs-input)", first.Output);
        Assert.Matches(@"comment gitlab:acme/gadget#\d+:\s+\| ### RICE score: ", first.Output);
        Assert.Contains("(dry run: none made)", first.Output, StringComparison.Ordinal);
        Assert.Contains("dev:acme/widget:", second.Output, StringComparison.Ordinal);
        Assert.Contains("first listing", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_WhenTrackerUnreachable_ExitsWith1AndNamesTheStep()
    {
        var (code, output, error) = await InProcessApp.RunAsync(
            "--once",
            "--IssueSync:Trackers:dev:Kind=GitLab",
            "--IssueSync:Trackers:dev:ApiUrl=http://127.0.0.1:9/api/v4",
            "--IssueSync:Trackers:dev:Token=t0ken",
            "--IssueSync:Products:p:Public=dev:acme/public",
            $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("s.db")}");

        Assert.Equal(1, code);
        Assert.Contains("inventory: FAILED:", output, StringComparison.Ordinal);
        Assert.Contains("Result: FAILED", output, StringComparison.Ordinal);
        Assert.StartsWith("error: product 'p', step 'inventory': ", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("t0ken", output + error, StringComparison.Ordinal);
    }
}
