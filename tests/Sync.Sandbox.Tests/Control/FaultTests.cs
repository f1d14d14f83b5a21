using System.Net;
using System.Text.Json;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Control;

public sealed class FaultTests
{
    [Fact]
    public async Task ServerErrorFault_HitsOnlyTheNextMatchingRequests()
    {
        await using var server = await TestSandbox.StartAsync();
        server.Control.InjectFault("gitlab-dev", new SandboxFault(SandboxFaultKind.ServerError, Count: 2, Status: 500, PathContains: "/issues", Method: "GET"));
        using var client = TestSandbox.Client(server.GitLabDev);
        var ct = TestContext.Current.CancellationToken;

        using var user = await client.GetAsync("user", ct);
        using var first = await client.GetAsync("projects/acme%2Fwidget/issues", ct);
        using var second = await client.GetAsync("projects/acme%2Fwidget/issues", ct);
        using var third = await client.GetAsync("projects/acme%2Fwidget/issues", ct);

        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal("500 Internal Server Error", (await first.Json()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task DemoFailingMoveFault_RefusesOnlyThatIssuesFirstNote_With422AndItsMessage_StoringNothing()
    {
        await using var server = await TestSandbox.StartAsync();
        var demo = server.DemoIssues;
        server.Control.InjectFault("gitlab-dev", demo.FailingMoveFault);
        using var client = TestSandbox.Client(server.GitLabDev);
        var notesBefore = server.GitLabDev.Issue(SandboxDemoIssues.DevProject, demo.FailingMove).Notes.Count;

        using var other = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{demo.Sensitive}/notes", new { body = "Moved to x" });
        using var otherProject = await client.Send(HttpMethod.Post, $"projects/acme%2Fgadget-dev/issues/{demo.FailingMove % 10}/notes", new { body = "Moved to x" });
        using var refused = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{demo.FailingMove}/notes", new { body = "Moved to y" });
        var afterRefusal = server.GitLabDev.Issue(SandboxDemoIssues.DevProject, demo.FailingMove).Notes.Count;
        using var retried = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{demo.FailingMove}/notes", new { body = "Moved to y" });

        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal(HttpStatusCode.Created, otherProject.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(SandboxDemoIssues.FailingMoveMessage, (await refused.Json()).GetProperty("message").GetString());
        Assert.Equal(notesBefore, afterRefusal);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(0, server.Control.PendingFaults);
        Assert.Equal("CSV export drops the last row", server.GitLabDev.Issue(SandboxDemoIssues.DevProject, demo.FailingMove).Title);
    }

    [Fact]
    public async Task MalformedJsonFault_Answers200WithTruncatedBody()
    {
        await using var server = await TestSandbox.StartAsync();
        server.Control.InjectFault("github", new SandboxFault(SandboxFaultKind.MalformedJson));
        using var client = TestSandbox.Client(server.GitHub);

        using var response = await client.GetAsync("repos/acme/widget/issues", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task TruncatedPageFault_KeepsHeadersButHalvesItems()
    {
        await using var server = await TestSandbox.StartAsync();
        server.Control.InjectFault("gitlab-dev", new SandboxFault(SandboxFaultKind.TruncatedPage));
        using var client = TestSandbox.Client(server.GitLabDev);

        using var response = await client.GetAsync("projects/acme%2Fwidget/issues?per_page=10", TestContext.Current.CancellationToken);

        Assert.Equal("10", response.Header("x-per-page"));
        Assert.Equal(5, (await response.Json()).GetArrayLength());
    }

    [Fact]
    public async Task TimeoutFault_HoldsTheRequestUntilTheClientGivesUp()
    {
        await using var server = await TestSandbox.StartAsync();
        server.Control.InjectFault("gitlab", new SandboxFault(SandboxFaultKind.Timeout));
        using var client = TestSandbox.Client(server.GitLab, timeout: TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => client.GetAsync("user", TestContext.Current.CancellationToken));
        using var next = await client.GetAsync("user", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task ControlEndpoint_RequiresAdminHeader_AndQueuesFaults()
    {
        await using var server = await TestSandbox.StartAsync();
        using var admin = new HttpClient { BaseAddress = server.BaseAddress };
        var ct = TestContext.Current.CancellationToken;
        var body = new { faults = new[] { new { instance = "github", kind = "ServerError", status = 503, count = 1 } }, limits = new { gitHubPerHour = 10 } };

        using var denied = await admin.Send(HttpMethod.Post, "_sandbox/control", body);
        admin.DefaultRequestHeaders.Add("X-Sandbox-Admin", "sandbox-admin");
        using var accepted = await admin.Send(HttpMethod.Post, "_sandbox/control", body);
        using var client = TestSandbox.Client(server.GitHub);
        using var faulted = await client.GetAsync("user", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal(10, server.Control.Limits.GitHubPerHour);
    }
}
