using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Stats;

public sealed class RequestLogTests
{
    [Fact]
    public async Task RequestLog_KeepsEveryWriteToEveryInstanceInOrder_IncludingRejectedOnesButNoReads()
    {
        await using var server = await TestSandbox.StartAsync();
        using var gitLab = TestSandbox.Client(server.GitLab);
        using var gitHub = TestSandbox.Client(server.GitHub);
        using var intruder = TestSandbox.Client(server.GitLab, "wrong-token");
        var mark = server.Requests.Mark();

        (await gitLab.Send(HttpMethod.Post, "projects/acme%2Fgadget/issues", new { title = "One", description = "first body" })).Dispose();
        (await gitLab.GetAsync("projects/acme%2Fgadget/issues", TestContext.Current.CancellationToken)).Dispose();
        (await gitHub.Send(HttpMethod.Post, "repos/acme/widget/issues", new { title = "Two", body = "second body" })).Dispose();
        using var rejected = await intruder.Send(HttpMethod.Put, "projects/acme%2Fgadget/issues/1", new { description = "third body" });
        var log = server.Requests.Since(mark);

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal(
            [("gitlab", "POST", "/gitlab/api/v4/projects/acme%2Fgadget/issues"), ("github", "POST", "/github/api/v3/repos/acme/widget/issues"), ("gitlab", "PUT", "/gitlab/api/v4/projects/acme%2Fgadget/issues/1")],
            log.Select(r => (r.Instance, r.Method, r.Path)));
        Assert.Equal(3, log.Select(r => r.Sequence).Distinct().Count());
        Assert.True(log[0].Sequence < log[1].Sequence && log[1].Sequence < log[2].Sequence);
        Assert.Equal(["title=One\ndescription=first body\n", "description=third body\n"], server.Requests.Bodies("gitlab", mark));
        Assert.Single(server.Requests.Containing("second body", mark), r => r.Instance == "github");
    }

    [Fact]
    public async Task RequestLog_Text_UndoesJsonAndFormEscapes_SoLeakChecksSeeWhatWasSent()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLab);
        const string secret = "https://intra.acme.local/wiki?a=1&b=<2>";
        var ct = TestContext.Current.CancellationToken;

        // System.Text.Json sends & < > as \u0026 \u003C \u003E; a form sends them percent-encoded.
        (await client.Send(HttpMethod.Post, "projects/acme%2Fgadget/issues", new { title = "Json", description = secret })).Dispose();
        using var form = await client.PostAsync(
            "projects/acme%2Fgadget/issues", new FormUrlEncodedContent([new("title", "Form"), new("description", secret)]), ct);
        var log = server.Requests.All();

        Assert.Equal(HttpStatusCode.Created, form.StatusCode);
        Assert.DoesNotContain(secret, log[0].Body, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, log[1].Body, StringComparison.Ordinal);
        Assert.Contains($"description={secret}", log[0].Text, StringComparison.Ordinal);
        Assert.Contains($"description={secret}", log[1].Text, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Containing(secret).Count);
        // Reading the body for the log leaves it readable for the handler.
        Assert.Equal(secret, server.GitLab.Issues("acme/gadget").Single(i => i.Title == "Form").Description);
    }

    [Fact]
    public async Task RequestLog_Multipart_RecordsFieldsAndFileNamesWithLengths_NotTheFileBytes()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLab);
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("file-bytes-xyz"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Add(file, "file", "notes.txt");
        content.Add(new StringContent("kept"), "comment");

        using var response = await client.PostAsync("projects/acme%2Fgadget/uploads", content, TestContext.Current.CancellationToken);
        var record = Assert.Single(server.Requests.All());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("comment=kept\nfile: file notes.txt (text/plain, 14 bytes)", record.Body);
        Assert.Equal("file-bytes-xyz", Encoding.UTF8.GetString(server.GitLab.Projects().Single(p => p.Path == "acme/gadget").Uploads[^1].Content));
    }

    [Fact]
    public async Task RequestLog_WhenFull_DropsTheOldestAndCountsThem_AndClears()
    {
        await using var server = await SandboxServer.StartAsync(
            new SandboxOptions { Time = new FakeTimeProvider(TestSandbox.Start), RequestLogCapacity = 2 }, TestContext.Current.CancellationToken);
        using var client = TestSandbox.Client(server.GitHub);

        foreach (var title in new[] { "a", "b", "c" })
        {
            (await client.Send(HttpMethod.Post, "repos/acme/widget/issues", new { title })).Dispose();
        }

        var kept = server.Requests.All();
        var dropped = server.Requests.Dropped;
        server.Requests.Clear();

        Assert.Equal(["title=b\n", "title=c\n"], kept.Select(r => r.Text));
        Assert.Equal([2L, 3L], kept.Select(r => r.Sequence));
        Assert.Equal(1, dropped);
        Assert.Empty(server.Requests.All());
        Assert.Equal(3, server.Requests.Mark());
    }
}
