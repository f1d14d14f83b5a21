using Sync.Demo;
using Sync.Sandbox;
using Sync.Worker.Hosting;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Trackers.CsvImport;

namespace Sync.Worker.Tests.Hosting;

/// <summary><c>--import-csv</c> end to end: the real entry point, the sandbox's public GitHub tracker over loopback HTTP.</summary>
[Collection(HostCollection.Name)]
public sealed class CsvImportCommandTests
{
    private const string Ideas = """
        title,body,author,created,votes,voters,url
        Dark mode for the editor,Night owls need it.,alice,2026-05-01T10:00:00Z,42,bob;carol,https://feedback.example.com/p/dark-mode
        Export to CSV,Spreadsheets please.,dave,2026-06-01,3,,

        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Code, string Output, string Error)> RunAsync(SandboxServer sandbox, string state, params string[] args)
    {
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        var configuration = SandboxDemoConfiguration.For(sandbox);
        configuration["IssueSync:Storage:SqlitePath"] = state;
        Assert.Equal("csv:widget/import", configuration["IssueSync:Products:widget:Forums:1:Project"]); // the demo's widget takes imports
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await IssueSyncApp.RunAsync(args, output, error, new IssueSyncAppHooks { Configuration = configuration }, Ct);
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<SandboxServer> StartSandboxAsync()
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, IssuesPerProject = 2 }, Ct);
        SandboxDemoConfiguration.RaiseSandboxCeilings(sandbox);
        return sandbox;
    }

    private static string Write(string text)
    {
        var path = InProcessApp.TempPath("ideas.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private static List<string> PublicTitles(SandboxServer sandbox, string title) =>
        [.. sandbox.GitHub.Issues("acme/widget").Select(i => i.Title).Where(t => t == title)];

    [Fact]
    public async Task ImportCsv_RunTwice_IdeasBecomePublicIssuesExactlyOnce()
    {
        await using var sandbox = await StartSandboxAsync();
        var state = InProcessApp.TempPath("state.db");
        var file = Write(Ideas);

        var first = await RunAsync(sandbox, state, "--import-csv", file, "--product", "widget");
        var second = await RunAsync(sandbox, state, "--import-csv", file, "--product", "widget");

        Assert.True(first.Code == 0, $"exit {first.Code}\n{first.Output}\n{first.Error}");
        Assert.True(second.Code == 0, $"exit {second.Code}\n{second.Output}\n{second.Error}");
        Assert.Contains("ideas.csv: 2 idea(s) for product widget: 2 new, 0 updated, 0 unchanged", first.Output, StringComparison.Ordinal);
        Assert.Contains("ideas.csv: 2 idea(s) for product widget: 0 new, 0 updated, 2 unchanged", second.Output, StringComparison.Ordinal);
        Assert.Single(PublicTitles(sandbox, "Dark mode for the editor"));
        Assert.Single(PublicTitles(sandbox, "Export to CSV"));
        var issue = sandbox.GitHub.Issues("acme/widget").Single(i => i.Title == "Dark mode for the editor");
        Assert.Contains("Night owls need it.", issue.Description, StringComparison.Ordinal);
        Assert.Contains("feature forum", issue.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportCsv_DryRun_PrintsThePreview_StoresNothingAndMovesNothing()
    {
        await using var sandbox = await StartSandboxAsync();
        var state = InProcessApp.TempPath("state.db");
        var file = Write(Ideas);

        var dry = await RunAsync(sandbox, state, "--import-csv", file, "--product", "widget", "--dry-run");
        var again = await RunAsync(sandbox, state, "--import-csv", file, "--product", "widget", "--dry-run");

        Assert.True(dry.Code == 0, $"exit {dry.Code}\n{dry.Output}\n{dry.Error}");
        Assert.Contains("ideas.csv: 2 idea(s) for product widget: 2 new, 0 updated, 0 unchanged (dry run: nothing stored)", dry.Output, StringComparison.Ordinal);
        Assert.Contains("row 2\t#1\tnew\t42 vote(s), 2 voter(s)\tDark mode for the editor", dry.Output, StringComparison.Ordinal);
        Assert.Contains("row 3\t#2\tnew\t3 vote(s), 0 voter(s)\tExport to CSV", dry.Output, StringComparison.Ordinal);
        Assert.Contains("2 new", again.Output, StringComparison.Ordinal); // the first dry run stored nothing
        Assert.Empty(PublicTitles(sandbox, "Dark mode for the editor"));
    }

    [Fact]
    public async Task ImportCsv_WithOneBadRow_ExitsNonZero_PrintsTheErrors_AndStoresAndMovesNothing()
    {
        await using var sandbox = await StartSandboxAsync();
        var state = InProcessApp.TempPath("state.db");
        var bad = Write(Ideas.Replace(",3,,", ",three,,", StringComparison.Ordinal));
        var before = sandbox.Stats.Snapshot().ForInstance(sandbox.GitHub.Name);

        var failed = await RunAsync(sandbox, state, "--import-csv", bad, "--product", "widget");
        var preview = await RunAsync(sandbox, state, "--import-csv", Write(Ideas), "--product", "widget", "--dry-run");

        Assert.Equal(1, failed.Code);
        Assert.Equal("error: ideas.csv: row 3, column 'votes': 'three' is not a whole number", failed.Error.Trim());
        Assert.Equal(before, sandbox.Stats.Snapshot().ForInstance(sandbox.GitHub.Name)); // not one request to the public tracker
        Assert.Contains("2 new, 0 updated", preview.Output, StringComparison.Ordinal); // the good row was not stored either
    }

    [Fact]
    public async Task ImportCsv_ForAProductWithoutTheCsvForum_IsRefused()
    {
        await using var sandbox = await StartSandboxAsync();

        var result = await RunAsync(sandbox, InProcessApp.TempPath("state.db"), "--import-csv", Write(Ideas), "--product", "gadget");

        Assert.Equal(1, result.Code);
        Assert.Equal(
            "error: --product: product 'gadget' has no forum csv:gadget/import, so imported ideas would never move (add IssueSync:Products:gadget:Forums:<i>:Project=csv:gadget/import)",
            result.Error.Trim());
    }

    [Theory]
    [InlineData("--import-csv x.csv", "--import-csv needs --product KEY (the product the ideas are for)")]
    [InlineData("--product widget", "--product only works together with --import-csv")]
    [InlineData("--import-csv x.csv --product widget --once", "--import-csv takes no --once, --audit, --summary-json or --hash-password")]
    public async Task ImportCsv_Misused_ExitsWith2(string args, string expected)
    {
        var (code, _, error) = await InProcessApp.RunAsync(args.Split(' '));

        Assert.Equal(2, code);
        Assert.Equal($"error: {expected} (see --help)", error.Trim());
    }
}
