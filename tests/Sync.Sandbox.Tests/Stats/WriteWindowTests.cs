using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sync.Sandbox.Limits;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Stats;

public sealed class WriteWindowTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public void Peak_IsTheBusiestWindowOverEveryStart_NotAFixedBucket()
    {
        // Buckets opened at the first write ([0, 60), [61, 121)) hold 3 and 3; the window [30, 90) holds 4.
        var times = new[] { 0, 30, 59, 61, 62, 90 }.Select(s => TestSandbox.Start.AddSeconds(s)).ToArray();

        Assert.Equal(new SandboxWindowPeak(4, TestSandbox.Start.AddSeconds(30)), SlidingWindow.Peak(times, Minute));
        Assert.Equal(new SandboxWindowPeak(6, TestSandbox.Start), SlidingWindow.Peak(times, Hour));
        Assert.Equal(new SandboxWindowPeak(0, null), SlidingWindow.Peak([], Minute));
    }

    [Fact]
    public void Peak_WritesExactlyOneWindowApart_AreNeverInTheSameWindow()
    {
        var times = new[] { TestSandbox.Start, TestSandbox.Start.AddMinutes(1), TestSandbox.Start.AddMinutes(2) };

        Assert.Equal(1, SlidingWindow.Peak(times, Minute).Count);
        Assert.Equal(2, SlidingWindow.Peak(times, Minute + TimeSpan.FromTicks(1)).Count);
    }

    [Fact]
    public async Task WriteWindows_GitHub_CountEveryMutationPerUser_InTheBusiestMinuteAndHour()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        server.GitHub.SetUserToken("alice.martin", "alice-token");
        using var bot = TestSandbox.Client(server.GitHub);
        using var alice = TestSandbox.Client(server.GitHub, "alice-token");
        var steps = new (int At, HttpClient Client, HttpMethod Method, string Url, object? Body)[]
        {
            (0, bot, HttpMethod.Post, "repos/acme/widget/issues", new { title = "windowed" }),
            (10, bot, HttpMethod.Get, "repos/acme/widget/issues/1", null),
            (30, bot, HttpMethod.Patch, "repos/acme/widget/issues/1", new { title = "renamed" }),
            (59, bot, HttpMethod.Post, "repos/acme/widget/issues/1/comments", new { body = "one" }),
            (61, bot, HttpMethod.Post, "repos/acme/widget/labels", new { name = "windowed", color = "aabbcc" }),
            (62, bot, HttpMethod.Put, "repos/acme/widget/issues/1/labels", new { labels = new[] { "windowed" } }),
            (62, alice, HttpMethod.Post, "repos/acme/widget/issues/1/comments", new { body = "alice" }),
            (90, bot, HttpMethod.Delete, "repos/acme/widget/issues/1/labels/windowed", null),
            (2400, bot, HttpMethod.Post, "repos/acme/widget/issues/1/comments", new { body = "two" }),
            (3630, bot, HttpMethod.Post, "repos/acme/widget/issues/1/comments", new { body = "three" }),
        };

        foreach (var (at, client, method, url, body) in steps)
        {
            time.SetUtcNow(TestSandbox.Start.AddSeconds(at));
            using var response = await client.Send(method, url, body);
            Assert.True(response.IsSuccessStatusCode, $"{method} {url} → {(int)response.StatusCode}");
        }

        var windows = server.Stats.WriteWindows("github");
        var botWrites = windows.Users["sandbox-bot"];
        Assert.Equal(["alice.martin", "sandbox-bot"], windows.Users.Keys);
        Assert.Equal(8, botWrites.Total(SandboxWriteKind.GitHubContent));
        Assert.Equal(
            [
                new SandboxCeiling(SandboxWriteKind.GitHubContent, Minute, 80, new SandboxWindowPeak(4, TestSandbox.Start.AddSeconds(30))),
                new SandboxCeiling(SandboxWriteKind.GitHubContent, Hour, 500, new SandboxWindowPeak(7, TestSandbox.Start)),
            ],
            botWrites.Ceilings);
        Assert.Equal(new SandboxWindowPeak(1, TestSandbox.Start.AddSeconds(62)), windows.Users["alice.martin"].Peak(SandboxWriteKind.GitHubContent, Minute));
        Assert.Equal(4, windows.MaxPeak(SandboxWriteKind.GitHubContent, Minute));
        Assert.Empty(windows.Exceeded);
    }

    [Fact]
    public async Task WriteWindows_GitLab_CountIssueAndNoteCreatesPerUser_AndNoOtherWrite()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        server.GitLab.SetUserToken("alice.martin", "alice-token");
        using var bot = TestSandbox.Client(server.GitLab);
        using var alice = TestSandbox.Client(server.GitLab, "alice-token");
        const string Project = "projects/acme%2Fgadget";
        var steps = new (int At, HttpClient Client, HttpMethod Method, string Url, object Body, HttpStatusCode Status)[]
        {
            (0, bot, HttpMethod.Post, Project + "/issues", new { title = "first" }, HttpStatusCode.Created),
            (20, bot, HttpMethod.Post, Project + "/issues/1/notes", new { body = "note" }, HttpStatusCode.Created),
            (25, bot, HttpMethod.Post, Project + "/labels", new { name = "windowed", color = "#aabbcc" }, HttpStatusCode.Created),
            (30, bot, HttpMethod.Put, Project + "/issues/1", new { title = "renamed" }, HttpStatusCode.OK),
            // GitLab checks the note limit before it looks the issue up (lib/api/notes.rb), so a 404 still counts.
            (40, bot, HttpMethod.Post, Project + "/issues/9999/notes", new { body = "nowhere" }, HttpStatusCode.NotFound),
            (50, bot, HttpMethod.Post, Project + "/issues/1/award_emoji", new { name = "rocket" }, HttpStatusCode.Created),
            (55, bot, HttpMethod.Post, Project + "/issues", new { title = "second" }, HttpStatusCode.Created),
            (70, bot, HttpMethod.Post, Project + "/issues", new { title = "third" }, HttpStatusCode.Created),
            (75, bot, HttpMethod.Post, Project + "/issues/1/notes", new { body = "note" }, HttpStatusCode.Created),
            (80, alice, HttpMethod.Post, Project + "/issues/1/notes", new { body = "alice" }, HttpStatusCode.Created),
        };

        foreach (var (at, client, method, url, body, status) in steps)
        {
            time.SetUtcNow(TestSandbox.Start.AddSeconds(at));
            using var response = await client.Send(method, url, body);
            Assert.Equal(status, response.StatusCode);
        }

        var windows = server.Stats.WriteWindows("gitlab");
        var botWrites = windows.Users["sandbox-bot"];
        Assert.Equal(3, botWrites.Total(SandboxWriteKind.GitLabIssueCreate));
        Assert.Equal(3, botWrites.Total(SandboxWriteKind.GitLabNoteCreate));
        Assert.Equal(
            [
                new SandboxCeiling(SandboxWriteKind.GitLabIssueCreate, Minute, 200, new SandboxWindowPeak(2, TestSandbox.Start)),
                new SandboxCeiling(SandboxWriteKind.GitLabNoteCreate, Minute, 60, new SandboxWindowPeak(3, TestSandbox.Start.AddSeconds(20))),
            ],
            botWrites.Ceilings);
        Assert.Equal(0, windows.Users["alice.martin"].Total(SandboxWriteKind.GitLabIssueCreate));
        Assert.Equal(1, windows.Users["alice.martin"].Total(SandboxWriteKind.GitLabNoteCreate));
        Assert.Empty(server.Stats.WriteWindows("gitlab-dev").Users);
    }

    [Fact]
    public async Task WriteWindows_CountWritesLostAfterTheCommit_ButNotThoseRejectedOrFaultedBeforeTheHandler()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        server.Control.Limits.GitHubContentCreatesPerMinute = 2;
        using var client = TestSandbox.Client(server.GitHub);
        const string Comments = "repos/acme/widget/issues/1/comments";

        using var stored = await client.Send(HttpMethod.Post, Comments, new { body = "a" });
        server.Control.InjectFault("github", new SandboxFault(SandboxFaultKind.ServerError, Method: "POST"));
        using var failedBefore = await client.Send(HttpMethod.Post, Comments, new { body = "b" });
        server.Control.InjectFault("github", new SandboxFault(SandboxFaultKind.CommitThenDrop, Method: "POST"));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.Send(HttpMethod.Post, Comments, new { body = "c" }));
        using var limited = await client.Send(HttpMethod.Post, Comments, new { body = "d" });

        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failedBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, limited.StatusCode);
        Assert.Equal(4, server.Stats.Snapshot().For("github", "POST /repos/:owner/:repo/issues/:number/comments"));
        var bot = server.Stats.WriteWindows("github").Users["sandbox-bot"];
        Assert.Equal([TestSandbox.Start, TestSandbox.Start], bot.Times(SandboxWriteKind.GitHubContent));
    }

    [Fact]
    public async Task WriteWindows_WithLimitsOff_ShowEveryCeilingAUserWentOver()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time, limits: false);
        server.Control.Limits.GitLabNoteCreatesPerMinute = 2;
        using var client = TestSandbox.Client(server.GitLab);

        for (var n = 0; n < 3; n++)
        {
            using var note = await client.Send(HttpMethod.Post, "projects/acme%2Fgadget/issues/1/notes", new { body = $"note {n}" });
            Assert.Equal(HttpStatusCode.Created, note.StatusCode);
            time.Advance(TimeSpan.FromSeconds(29));
        }

        var (user, ceiling) = Assert.Single(server.Stats.WriteWindows("gitlab").Exceeded);
        Assert.Equal("sandbox-bot", user);
        Assert.Equal(new SandboxCeiling(SandboxWriteKind.GitLabNoteCreate, Minute, 2, new SandboxWindowPeak(3, TestSandbox.Start)), ceiling);
    }

    [Fact]
    public async Task StatsReset_ClearsTheWriteTimesToo()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitHub);
        using var created = await client.Send(HttpMethod.Post, "repos/acme/widget/issues", new { title = "x" });
        var before = server.Stats.WriteWindows("github").Users.Count;

        server.Stats.Reset();

        Assert.Equal(1, before);
        Assert.Empty(server.Stats.WriteWindows("github").Users);
    }
}
