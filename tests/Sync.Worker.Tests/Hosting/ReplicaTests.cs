using System.Globalization;
using System.Net;
using System.Text;
using Sync.Sandbox;
using Sync.Worker.Tests.Infrastructure;
using Sync.Worker.Tests.Webhooks;

namespace Sync.Worker.Tests.Hosting;

/// <summary>
/// Two real worker processes on one real PostgreSQL and the same sandbox trackers: 100 webhook triggers spread over both,
/// a bulk move of 200 issues of four products that all write with one GitHub token. Nothing is done twice, and together
/// the two replicas stay inside the token's write ceiling (the sandbox counts every accepted write per user in a sliding
/// window).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ReplicaTests
{
    private const int Products = 4;
    private const int IssuesPerProduct = 50;
    private const int Triggers = 100;

    /// <summary>The token's write ceiling for the test: lower than GitHub's real 80/min would make the test minutes long.</summary>
    private const int GitHubWritesPerMinute = 120;

    private const string Secret = "replica-webhook-secret";

    [Fact]
    public async Task TwoReplicas_BulkMoveWithTriggersOnBoth_DuplicateNothing_AndStayInsideTheSharedCeiling()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresTestDatabase.CreateAsync(ct);
        // The sandbox accepts every write (no limit answers) and counts them: what is measured is what IssueSync sent.
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, EnforceRateLimits = false }, ct);
        sandbox.Control.Limits.GitHubContentCreatesPerMinute = GitHubWritesPerMinute;
        sandbox.Control.Limits.GitHubContentCreatesPerHour = 5000;
        sandbox.Control.Limits.GitLabNoteCreatesPerMinute = 2000;
        sandbox.Control.Limits.GitLabPerMinute = 100_000;
        var sources = new List<(int Product, int Number)>();
        for (var p = 1; p <= Products; p++)
        {
            sandbox.GitLabDev.CreateProject(Source(p), isPrivate: true);
            sandbox.GitHub.CreateProject(Target(p), isPrivate: false);
            for (var i = 1; i <= IssuesPerProduct; i++)
            {
                sources.Add((p, sandbox.GitLabDev.AddIssue(Source(p), $"Replica issue {p}-{i}", "Please move me.", ["public"], "bob.chen").Number));
            }
        }

        using var first = WorkerProcess.Start(Arguments(sandbox, database.ConnectionString));
        using var second = WorkerProcess.Start(Arguments(sandbox, database.ConnectionString));
        var urls = await Task.WhenAll(first.WaitForDashboardAsync(ct), second.WaitForDashboardAsync(ct));

        // 100 signed deliveries about source issues, alternating between the two replicas.
        using var http = new HttpClient();
        for (var n = 0; n < Triggers; n++)
        {
            var (product, number) = sources[n * 2 % sources.Count];
            var body = WebhookPayloads.Fill(WebhookPayloads.GitLabIssueHook, sandbox.GitLabDev.WebUrl.AbsoluteUri, Source(product), number);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(urls[n % 2]), "/webhooks/gitlab"))
            {
                // Trailing spaces make each body distinct, as real deliveries are (a replay of one body is refused).
                Content = new StringContent(body + new string(' ', n), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Gitlab-Token", Secret);
            request.Headers.Add("X-Gitlab-Event", "Issue Hook");
            request.Headers.Add("X-Gitlab-Event-UUID", Guid.NewGuid().ToString());
            using var response = await http.SendAsync(request, ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        // Every issue moves (each product's first triggered run moves all of its issues) within the shared ceiling.
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(6);
        while (Moved(sandbox).Sum(m => m.Value) < sources.Count && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(500, ct);
        }

        await first.StopAsync();
        await second.StopAsync();
        var moved = Moved(sandbox);
        Assert.True(sources.Count == moved.Count, $"{moved.Count} of {sources.Count} moved; errors: {first.Errors}{second.Errors}");
        Assert.All(moved, m => Assert.True(m.Value == 1, $"{m.Key} has {m.Value} public copies"));
        Assert.All(sources, s => Assert.True(sandbox.GitLabDev.Issue(Source(s.Product), s.Number).Closed));
        Assert.All(sources, s => Assert.Single(sandbox.GitLabDev.Notes(Source(s.Product), s.Number), n => n.Body.StartsWith("Moved to ", StringComparison.Ordinal)));

        var windows = sandbox.Stats.WriteWindows(sandbox.GitHub.Name);
        Assert.Empty(windows.Exceeded);
        var peak = windows.MaxPeak(SandboxWriteKind.GitHubContent, TimeSpan.FromMinutes(1));
        Assert.InRange(peak, 1, GitHubWritesPerMinute);
        var line = string.Create(CultureInfo.InvariantCulture, $"two replicas: highest GitHub writes in any 60 s window {peak} (ceiling {GitHubWritesPerMinute}), {windows.Users.Values.Sum(u => u.Total(SandboxWriteKind.GitHubContent))} writes in all");
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (Environment.GetEnvironmentVariable("ISSUESYNC_TEST_REPORT") is { Length: > 0 } report)
        {
            await File.AppendAllTextAsync(report, line + Environment.NewLine, ct);
        }
        Assert.True(string.IsNullOrWhiteSpace(first.Errors + second.Errors), first.Errors + second.Errors);
    }

    /// <summary>Public copies per source issue, by the hidden marker each copy carries.</summary>
    private static Dictionary<string, int> Moved(SandboxServer sandbox)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 1; p <= Products; p++)
        {
            foreach (var issue in sandbox.GitHub.Issues(Target(p)))
            {
                if (Sync.Core.Moving.MoveMarkers.ReadIssue(issue.Description) is { } key)
                {
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }

        return counts;
    }

    private static string Source(int product) => $"acme/replica-src-{product}";

    private static string Target(int product) => $"acme/replica-dst-{product}";

    private static List<string> Arguments(SandboxServer sandbox, string connectionString)
    {
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:IssueSync={connectionString}",
            "--Logging:LogLevel:Default=Warning",
            "--IssueSync:Trackers:dev:Kind=GitLab",
            $"--IssueSync:Trackers:dev:ApiUrl={sandbox.GitLabDev.ApiUrl}",
            $"--IssueSync:Trackers:dev:Token={sandbox.GitLabDev.Token}",
            "--IssueSync:Trackers:dev:Limits:NoteCreatesPerMinute=2000",
            "--IssueSync:Trackers:github:Kind=GitHub",
            $"--IssueSync:Trackers:github:ApiUrl={sandbox.GitHub.ApiUrl}",
            $"--IssueSync:Trackers:github:Token={sandbox.GitHub.Token}",
            string.Create(CultureInfo.InvariantCulture, $"--IssueSync:Trackers:github:Limits:WritesPerMinute={GitHubWritesPerMinute}"),
            "--IssueSync:Trackers:github:Limits:WritesPerHour=5000",
            "--IssueSync:Trackers:github:Limits:MinWriteSpacing=00:00:00.050",
            $"--IssueSync:Webhooks:GitLabSecret={Secret}",
        };
        for (var p = 1; p <= Products; p++)
        {
            args.Add($"--IssueSync:Products:p{p}:Public=github:{Target(p)}");
            args.Add($"--IssueSync:Products:p{p}:Sources:0:Project=dev:{Source(p)}");
            foreach (var stage in new[] { "Move", "Votes", "Rice", "Roadmap" })
            {
                args.Add($"--IssueSync:Products:p{p}:Schedule:{stage}=");
            }
        }

        return args;
    }
}
