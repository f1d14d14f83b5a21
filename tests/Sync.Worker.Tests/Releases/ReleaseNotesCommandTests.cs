using Sync.Core.Releases;
using Sync.Demo;
using Sync.Sandbox;
using Sync.Worker.Hosting;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Releases;

/// <summary><c>--release-notes</c> end to end: the real entry point, the sandbox's public GitHub tracker over loopback HTTP.</summary>
[Collection(HostCollection.Name)]
public sealed class ReleaseNotesCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Code, string Output, string Error)> RunAsync(SandboxServer sandbox, string state, params string[] args)
    {
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        var configuration = SandboxDemoConfiguration.For(sandbox);
        configuration["IssueSync:Storage:SqlitePath"] = state;
        configuration["IssueSync:Products:widget:ReleaseNotes:Enabled"] = "true";
        configuration["IssueSync:Products:widget:ReleaseNotes:OnlyNewlyClosed"] = "true"; // the demo drafts its closed v2.3 too; here only what is asked
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await IssueSyncApp.RunAsync(args, output, error, new IssueSyncAppHooks { Configuration = configuration }, Ct);
        return (code, output.ToString(), error.ToString());
    }

    private static List<Sync.Sandbox.Model.SandboxIssue> Notes(SandboxServer sandbox) =>
        [.. sandbox.GitHub.Issues("acme/widget").Where(i => ReleaseNotesText.IsAnyReleaseNotes(i.Description ?? string.Empty))];

    [Fact]
    public async Task ReleaseNotes_DryRunThenReal_PrintsTheDraft_WritesOnce_ThenNothing()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, IssuesPerProject = 2 }, Ct);
        SandboxDemoConfiguration.RaiseSandboxCeilings(sandbox);
        var state = InProcessApp.TempPath("state.db");

        var dry = await RunAsync(sandbox, state, "--release-notes", "widget", "v2.4", "--dry-run");
        Assert.True(dry.Code == 0, $"exit {dry.Code}\n{dry.Output}\n{dry.Error}");
        Assert.StartsWith("# Release notes: v2.4\n\nMilestone v2.4 (due ", dry.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("<!-- issuesync:release-notes product=widget milestone=", dry.Output, StringComparison.Ordinal);
        Assert.Contains("github:acme/widget: release notes v2.4: created (new) (dry run: nothing written)", dry.Output, StringComparison.Ordinal);
        Assert.Contains("would create github:acme/widget#new", dry.Output, StringComparison.Ordinal);
        Assert.Empty(Notes(sandbox));

        var real = await RunAsync(sandbox, state, "--release-notes", "widget", "v2.4");
        Assert.True(real.Code == 0, $"exit {real.Code}\n{real.Output}\n{real.Error}");
        var notes = Assert.Single(Notes(sandbox));
        Assert.Equal("Release notes: v2.4", notes.Title);
        Assert.Contains($"github:acme/widget: release notes v2.4: created #{notes.Number}", real.Output, StringComparison.Ordinal);

        var again = await RunAsync(sandbox, state, "--release-notes", "widget", "v2.4");
        Assert.True(again.Code == 0, $"exit {again.Code}\n{again.Output}\n{again.Error}");
        Assert.Contains($"github:acme/widget: release notes v2.4: unchanged #{notes.Number}", again.Output, StringComparison.Ordinal);
        Assert.Single(Notes(sandbox));
    }

    [Fact]
    public async Task ReleaseNotes_UnknownMilestoneOrProduct_IsOneLineAndExit1()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, IssuesPerProject = 2 }, Ct);
        SandboxDemoConfiguration.RaiseSandboxCeilings(sandbox);
        var state = InProcessApp.TempPath("state.db");

        var milestone = await RunAsync(sandbox, state, "--release-notes", "widget", "v9.9");
        Assert.Equal(1, milestone.Code);
        Assert.Equal("error: github:acme/widget: release notes: no milestone 'v9.9'; known: v2.3, v2.4, v2.5", milestone.Error.Trim());

        var product = await RunAsync(sandbox, state, "--release-notes", "nope", "v2.4");
        Assert.Equal(1, product.Code);
        Assert.Single(product.Error.Trim().Split('\n'));
        Assert.StartsWith("error: --release-notes: no product 'nope'; known: ", product.Error, StringComparison.Ordinal);
        Assert.Empty(Notes(sandbox));
    }

    [Theory]
    [InlineData("--release-notes needs a product and a milestone", "--release-notes", "widget")]
    [InlineData("--release-notes needs a product and a milestone", "--release-notes")]
    [InlineData("--release-notes takes no --once, --audit, --summary-json, --import-csv, --product or --hash-password", "--release-notes", "widget", "v2.4", "--once")]
    public async Task ReleaseNotes_Misuse_PrintsTheUsageLineAndExits2(string message, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await IssueSyncApp.RunAsync(args, output, error, null, Ct);
        Assert.Equal(2, code);
        Assert.Equal($"error: {message} (see --help)", error.ToString().Trim());
    }
}
