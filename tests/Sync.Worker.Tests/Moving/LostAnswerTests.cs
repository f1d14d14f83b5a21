using Sync.Core.Moving;
using Sync.Core.Moving.Planning;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Moving;

/// <summary>
/// The fault matrix of a move over real HTTP: at each write of a move (label create, issue create, each comment, the
/// notice on the source) the tracker commits the write and its answer is lost (connection dropped, 502, no answer
/// before the client's timeout); then the move is run again. Whatever happened, the public project ends with one copy,
/// each comment once, and the source with one notice and closed.
/// </summary>
public sealed class LostAnswerTests(LostAnswerTests.SandboxFixture fixture) : IClassFixture<LostAnswerTests.SandboxFixture>
{
    private static int _case;

    /// <summary>Each write point: which instance, which endpoint, and how many earlier matching writes go through.</summary>
    public static TheoryData<string, SandboxFaultKind, string> Matrix
    {
        get
        {
            var data = new TheoryData<string, SandboxFaultKind, string>();
            foreach (var target in new[] { "gitlab", "github" })
            {
                foreach (var kind in new[] { SandboxFaultKind.CommitThenDrop, SandboxFaultKind.CommitThenError, SandboxFaultKind.CommitThenHang })
                {
                    foreach (var point in new[] { "label", "issue", "comment 1", "comment 2", "notice" })
                    {
                        data.Add(target, kind, point);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Move_WhenAWritesAnswerIsLostAfterTheCommit_ThereIsStillOneOfEverything(string target, SandboxFaultKind kind, string point)
    {
        var ct = TestContext.Current.CancellationToken;
        var sandbox = fixture.Sandbox;
        var n = Interlocked.Increment(ref _case);
        var srcPath = $"acme/lost-src-{n}";
        var dstPath = $"acme/lost-dst-{n}";
        var dst = target == "gitlab" ? sandbox.GitLab : sandbox.GitHub;
        sandbox.GitLabDev.CreateProject(srcPath, isPrivate: true);
        dst.CreateProject(dstPath, isPrivate: false);
        var issue = sandbox.GitLabDev.AddIssue(srcPath, "Export fails", "It fails.", ["public", "bug"], "bob.chen");
        sandbox.GitLabDev.AddNote(srcPath, issue.Number, "First comment", "dev.patel");
        sandbox.GitLabDev.AddNote(srcPath, issue.Number, "Second comment", "omar.aziz");
        var (instance, fault) = Fault(kind, point, target, srcPath, dstPath);
        sandbox.Control.InjectFault(instance, fault);

        await using var services = Services(sandbox, dst);
        var ledger = new SqliteStateStore(InProcessApp.TempPath("state.db"));
        await ledger.MigrateAsync(ct);
        var product = new ProductDefinition("lost", new ProjectRef("pub", dstPath), [new SourceRule(new ProjectRef("dev", srcPath)) { Rules = new MoveRules { RetryAfter = TimeSpan.Zero } }]);
        var step = new MoveStep(
            services.GetRequiredService<ITrackerRegistry>(), ledger, ledger, new MovePlanner(), TimeProvider.System);

        var first = await step.RunAsync(new PipelineContext(product, false, new WriteJournal()), ct);
        var second = await step.RunAsync(new PipelineContext(product, false, new WriteJournal()), ct);

        var why = $"{target} {kind} at {point}: {string.Join(" | ", first.Lines.Concat(second.Lines))}";
        Assert.True(sandbox.Control.PendingFaults == 0, $"the fault never struck: {why}");
        var copies = dst.Issues(dstPath).Where(i => i.Description?.Contains("issuesync:moved-from", StringComparison.Ordinal) == true).ToList();
        var copy = Assert.Single(copies);
        var comments = dst.Notes(dstPath, copy.Number).Where(c => c.Body.Contains("issuesync:comment", StringComparison.Ordinal)).Select(c => c.Body).ToList();
        Assert.True(comments.Count == 2, why);
        Assert.Single(comments, c => c.Contains("First comment", StringComparison.Ordinal));
        Assert.Single(comments, c => c.Contains("Second comment", StringComparison.Ordinal));
        Assert.Single(dst.Project(dstPath).Labels, l => l.Name == "bug");
        var source = sandbox.GitLabDev.Issue(srcPath, issue.Number);
        Assert.True(source.Closed, why);
        Assert.Single(sandbox.GitLabDev.Notes(srcPath, issue.Number), c => c.Body.StartsWith("Moved to ", StringComparison.Ordinal) && c.Body.Contains($"/{copy.Number}", StringComparison.Ordinal));
    }

    private static (string Instance, SandboxFault Fault) Fault(SandboxFaultKind kind, string point, string target, string srcPath, string dstPath)
    {
        var dst = target == "gitlab" ? "gitlab" : "github";
        var project = target == "gitlab" ? Uri.EscapeDataString(dstPath) : dstPath;
        var (endpoint, skip) = (target, point) switch
        {
            ("gitlab", "label") => ("POST /projects/:id/labels", 0),
            ("gitlab", "issue") => ("POST /projects/:id/issues", 0),
            ("gitlab", "comment 1") => ("POST /projects/:id/issues/:iid/notes", 0),
            ("gitlab", "comment 2") => ("POST /projects/:id/issues/:iid/notes", 1),
            ("github", "label") => ("POST /repos/:owner/:repo/labels", 0),
            ("github", "issue") => ("POST /repos/:owner/:repo/issues", 0),
            ("github", "comment 1") => ("POST /repos/:owner/:repo/issues/:number/comments", 0),
            ("github", "comment 2") => ("POST /repos/:owner/:repo/issues/:number/comments", 1),
            _ => ("POST /projects/:id/issues/:iid/notes", 0),
        };
        return point == "notice"
            ? ("gitlab-dev", new SandboxFault(kind, Endpoint: endpoint, PathContains: Uri.EscapeDataString(srcPath)))
            : (dst, new SandboxFault(kind, Endpoint: endpoint, PathContains: project, Skip: skip));
    }

    /// <summary>The real clients, with a short attempt timeout so "no answer" ends quickly, and no write pacing.</summary>
    internal static ServiceProvider Services(SandboxServer sandbox, SandboxInstance target)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddTrackerInfrastructure();
        var resilience = new TrackerResilienceOptions(
            MaxRetryAttempts: 2, BaseDelay: TimeSpan.FromMilliseconds(5), MaxDelay: TimeSpan.FromMilliseconds(20),
            AttemptTimeout: TimeSpan.FromSeconds(1), TotalTimeout: TimeSpan.FromSeconds(10));
        Add(services, "dev", TrackerKind.GitLab, sandbox.GitLabDev, resilience);
        Add(services, "pub", target.Kind == "GitLab" ? TrackerKind.GitLab : TrackerKind.GitHub, target, resilience);
        return services.BuildServiceProvider();
    }

    private static void Add(ServiceCollection services, string name, TrackerKind kind, SandboxInstance instance, TrackerResilienceOptions resilience)
    {
        var limits = TrackerLimitsOptions.ForKind(kind) with
        {
            WritesPerMinute = 100_000, WritesPerHour = 1_000_000, IssueCreatesPerMinute = 100_000, NoteCreatesPerMinute = 100_000, MinWriteSpacing = TimeSpan.Zero,
        };
        services.AddTrackerClient(name, kind, instance.ApiUrl, instance.Token, resilience, limits);
    }

    public sealed class SandboxFixture : IAsyncLifetime
    {
        public SandboxServer Sandbox { get; private set; } = null!;

        public async ValueTask InitializeAsync() =>
            Sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, EnforceRateLimits = false }, TestContext.Current.CancellationToken);

        public ValueTask DisposeAsync() => Sandbox.DisposeAsync();
    }
}
