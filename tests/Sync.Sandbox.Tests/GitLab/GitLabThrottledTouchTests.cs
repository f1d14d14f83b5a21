using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitLab;

/// <summary>
/// app/models/concerns/throttled_touch.rb (TOUCH_INTERVAL = 1.minute, included by Issue): a note saved on an issue
/// touches the issue only when more than a minute passed since its updated_at; an ordinary update is never throttled.
/// </summary>
public sealed class GitLabThrottledTouchTests
{
    [Fact]
    public async Task NoteCreate_WithinAMinuteOfTheLastUpdate_LeavesUpdatedAt_AfterAMinuteTouchesIt()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Throttled");
        using var client = TestSandbox.Client(server.GitLabDev);

        time.Advance(TimeSpan.FromSeconds(59));
        using var early = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/notes", new { body = "early" });
        var afterEarly = await UpdatedAt(client, issue.Number);
        time.Advance(TimeSpan.FromSeconds(1)); // exactly one minute: still not more than TOUCH_INTERVAL
        using var atMinute = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/notes", new { body = "at a minute" });
        var afterMinute = await UpdatedAt(client, issue.Number);
        time.Advance(TimeSpan.FromSeconds(1));
        using var late = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/notes", new { body = "late" });
        var afterLate = await UpdatedAt(client, issue.Number);

        Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        Assert.Equal(TestSandbox.Start, afterEarly);
        Assert.Equal(TestSandbox.Start, afterMinute);
        Assert.Equal(TestSandbox.Start.AddSeconds(61), afterLate);
    }

    [Fact]
    public async Task NoteEdit_WithinAMinute_IsThrottledToo()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Edited note");
        var note = server.GitLabDev.AddNote("acme/widget", issue.Number, "first words");
        using var client = TestSandbox.Client(server.GitLabDev);

        time.Advance(TimeSpan.FromSeconds(30));
        using var edit = await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/issues/{issue.Number}/notes/{note.Id}", new { body = "better words" });

        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(TestSandbox.Start, await UpdatedAt(client, issue.Number));
    }

    [Fact]
    public async Task IssueEdit_WithinAMinute_IsAnOrdinaryUpdateAndNotThrottled()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Renamed");
        using var client = TestSandbox.Client(server.GitLabDev);

        time.Advance(TimeSpan.FromSeconds(10));
        using var edit = await client.Send(HttpMethod.Put, $"projects/acme%2Fwidget/issues/{issue.Number}", new { title = "Renamed again" });

        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(TestSandbox.Start.AddSeconds(10), await UpdatedAt(client, issue.Number));
    }

    private static async Task<DateTimeOffset> UpdatedAt(HttpClient client, int number) =>
        (await client.GetJson($"projects/acme%2Fwidget/issues/{number}")).GetProperty("updated_at").GetDateTimeOffset();
}
