using System.Net;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Control;

/// <summary>Faults that strike after the tracker stored the write: the change exists, the answer is lost.</summary>
public sealed class CommitFaultTests
{
    public static TheoryData<string, string, SandboxFaultKind> Cases()
    {
        var cases = new TheoryData<string, string, SandboxFaultKind>();
        foreach (var tracker in new[] { "gitlab", "github" })
        {
            foreach (var target in new[] { "issue", "comment", "label" })
            {
                foreach (var kind in new[] { SandboxFaultKind.CommitThenDrop, SandboxFaultKind.CommitThenError, SandboxFaultKind.CommitThenHang })
                {
                    cases.Add(tracker, target, kind);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CommitFault_OnCreate_StoresTheItemExactlyOnce_AndLosesTheAnswer(string tracker, string target, SandboxFaultKind kind)
    {
        await using var server = await TestSandbox.StartAsync();
        var write = CreateWrite.For(server, tracker, target);
        server.Control.InjectFault(tracker, new SandboxFault(kind, Method: "POST", Endpoint: write.Endpoint));
        using var client = TestSandbox.Client(write.Instance, timeout: TimeSpan.FromSeconds(1.5));
        var ct = TestContext.Current.CancellationToken;

        var send = client.Send(HttpMethod.Post, write.Url, write.Body);
        switch (kind)
        {
            case SandboxFaultKind.CommitThenDrop:
                // A reset or an empty reply, never a status and never the client's own timeout.
                await Assert.ThrowsAsync<HttpRequestException>(() => send);
                break;
            case SandboxFaultKind.CommitThenError:
                using (var response = await send)
                {
                    Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
                    var text = await response.Content.ReadAsStringAsync(ct);
                    Assert.Contains(tracker == "gitlab" ? "502 Bad Gateway" : "\"message\":\"Server Error\"", text, StringComparison.Ordinal);
                }

                break;
            default:
                var timedOut = await Assert.ThrowsAsync<TaskCanceledException>(() => send);
                Assert.IsType<TimeoutException>(timedOut.InnerException);
                break;
        }

        Assert.Equal(1, write.Stored());
        Assert.Equal(0, server.Control.PendingFaults);
        Assert.Equal(1, server.Stats.Snapshot().For(tracker, write.Endpoint));
        Assert.Single(server.Requests.All(), r => r.Instance == tracker && r.Method == "POST");
        using var next = await client.GetAsync(tracker == "github" ? "repos/acme/widget" : "projects/acme%2Fgadget", ct);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task CommitFault_WithSkipAndEndpoint_StrikesOnlyTheSecondNoteCreate()
    {
        await using var server = await TestSandbox.StartAsync();
        const string NoteCreate = "POST /projects/:id/issues/:iid/notes";
        server.Control.InjectFault("gitlab", new SandboxFault(SandboxFaultKind.CommitThenDrop, Skip: 1, Endpoint: NoteCreate));
        using var client = TestSandbox.Client(server.GitLab);

        using var first = await client.Send(HttpMethod.Post, "projects/acme%2Fgadget/issues/1/notes", new { body = "note one" });
        var noteId = (await first.Json()).GetProperty("id").GetInt64();
        // Its path contains "/notes" but it is another endpoint: it neither counts as skipped nor takes the fault.
        using var award = await client.Send(HttpMethod.Post, $"projects/acme%2Fgadget/issues/1/notes/{noteId}/award_emoji", new { name = "rocket" });
        await Assert.ThrowsAsync<HttpRequestException>(() => client.Send(HttpMethod.Post, "projects/acme%2Fgadget/issues/1/notes", new { body = "note two" }));
        using var third = await client.Send(HttpMethod.Post, "projects/acme%2Fgadget/issues/1/notes", new { body = "note three" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, award.StatusCode);
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        var bodies = server.GitLab.Notes("acme/gadget", 1).Select(n => n.Body).ToList();
        Assert.All(new[] { "note one", "note two", "note three" }, b => Assert.Single(bodies, x => x == b));
        Assert.Equal(3, server.Stats.Snapshot().For("gitlab", NoteCreate));
        Assert.Equal(0, server.Control.PendingFaults);
    }

    [Fact]
    public async Task CommitFault_WhenTheLimiterRejectsTheRequest_WaitsForTheNextAdmittedOne()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        server.Control.Limits.GitLabNoteCreatesPerMinute = 1;
        using var client = TestSandbox.Client(server.GitLab);
        using var admitted = await client.Send(HttpMethod.Post, "projects/acme%2Fgadget/issues/1/notes", new { body = "first" });
        server.Control.InjectFault("gitlab", new SandboxFault(SandboxFaultKind.CommitThenError, Method: "POST", PathContains: "/notes"));

        using var limited = await client.Send(HttpMethod.Post, "projects/acme%2Fgadget/issues/1/notes", new { body = "limited" });
        var pendingAfterLimited = server.Control.PendingFaults;
        time.Advance(TimeSpan.FromMinutes(1));
        using var faulted = await client.Send(HttpMethod.Post, "projects/acme%2Fgadget/issues/1/notes", new { body = "stored, answer lost" });

        Assert.Equal(HttpStatusCode.Created, admitted.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(1, pendingAfterLimited);
        Assert.Equal(HttpStatusCode.BadGateway, faulted.StatusCode);
        Assert.Equal(["first", "stored, answer lost"], server.GitLab.Notes("acme/gadget", 1).Select(n => n.Body).Where(b => b is "first" or "limited" or "stored, answer lost"));
    }

    [Fact]
    public async Task ServerErrorFault_StrikesBeforeTheHandler_AndStoresNothing()
    {
        await using var server = await TestSandbox.StartAsync();
        server.Control.InjectFault("github", new SandboxFault(SandboxFaultKind.ServerError, Status: 502, Method: "POST"));
        using var client = TestSandbox.Client(server.GitHub);

        using var response = await client.Send(HttpMethod.Post, "repos/acme/widget/issues", new { title = "never stored" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain(server.GitHub.Issues("acme/widget"), i => i.Title == "never stored");
    }

    [Fact]
    public async Task ControlEndpoint_QueuesSkipAndEndpoint_AndRejectsABadFaultWithoutQueueingAny()
    {
        await using var server = await TestSandbox.StartAsync();
        using var admin = new HttpClient { BaseAddress = server.BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Sandbox-Admin", "sandbox-admin");
        using var client = TestSandbox.Client(server.GitHub);
        var good = new { instance = "github", kind = "CommitThenError", skip = 1, endpoint = "POST /repos/:owner/:repo/issues/:number/comments" };
        var bad = new { instance = "github", kind = "CommitThenDrop", count = 0 };

        using var rejected = await admin.Send(HttpMethod.Post, "_sandbox/control", new { faults = new object[] { good, bad } });
        var pendingAfterRejected = server.Control.PendingFaults;
        using var accepted = await admin.Send(HttpMethod.Post, "_sandbox/control", new { faults = new[] { good } });
        using var first = await client.Send(HttpMethod.Post, "repos/acme/widget/issues/1/comments", new { body = "one" });
        using var second = await client.Send(HttpMethod.Post, "repos/acme/widget/issues/1/comments", new { body = "two" });

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal(0, pendingAfterRejected);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, second.StatusCode);
        Assert.Single(server.GitHub.Notes("acme/widget", 1), n => n.Body == "two");
    }
}
