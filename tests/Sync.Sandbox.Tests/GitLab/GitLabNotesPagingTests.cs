using Microsoft.Extensions.Time.Testing;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitLab;

/// <summary>lib/api/notes.rb: notes are paginated first, then those the user may not read are dropped from the page.</summary>
public sealed class GitLabNotesPagingTests
{
    [Fact]
    public async Task NotesPage_WithANoteTheTokenMayNotRead_IsShortButStillAnnouncesTheNextPage()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        var gl = server.GitLabDev;
        var issue = gl.AddIssue("acme/widget", "Long");
        for (var n = 1; n <= 5; n++)
        {
            gl.AddNote("acme/widget", issue.Number, $"Comment {n}", "bob.chen").HiddenFromApi = n == 2;
        }

        using var client = TestSandbox.Client(gl);
        using var first = await client.Send(HttpMethod.Get, $"projects/acme%2Fwidget/issues/{issue.Number}/notes?sort=asc&order_by=created_at&per_page=3");
        using var second = await client.Send(HttpMethod.Get, $"projects/acme%2Fwidget/issues/{issue.Number}/notes?sort=asc&order_by=created_at&per_page=3&page=2");

        Assert.Equal(["Comment 1", "Comment 3"], (await first.Json()).Strings("body"));
        Assert.Equal(("3", "2", "5"), (first.Header("x-per-page"), first.Header("x-next-page"), first.Header("x-total")));
        Assert.Equal(["Comment 4", "Comment 5"], (await second.Json()).Strings("body"));
        Assert.Equal(string.Empty, second.Header("x-next-page"));
    }
}
