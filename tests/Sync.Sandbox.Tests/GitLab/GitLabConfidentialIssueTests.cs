using Microsoft.Extensions.Time.Testing;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitLab;

/// <summary>
/// Confidential issues as GitLab serves them to a project member (IssueSync's token): listed with the others and
/// flagged, filterable with <c>confidential</c>, and made confidential by an ordinary edit that bumps
/// <c>updated_at</c>, so an incremental listing sees the change.
/// </summary>
public sealed class GitLabConfidentialIssueTests
{
    private const string Project = "acme/secrets";

    [Fact]
    public async Task List_WithAMemberToken_ReturnsConfidentialIssuesFlagged_AndFiltersOnConfidential()
    {
        await using var server = await TestSandbox.StartAsync();
        var gl = server.GitLab;
        gl.CreateProject(Project, isPrivate: false);
        gl.AddIssue(Project, "Public idea");
        gl.AddIssue(Project, "Embargoed fix", confidential: true);
        using var client = TestSandbox.Client(gl);

        var all = await client.GetJson("projects/acme%2Fsecrets/issues?sort=asc");
        var confidential = await client.GetJson("projects/acme%2Fsecrets/issues?confidential=true");
        var visible = await client.GetJson("projects/acme%2Fsecrets/issues?confidential=false");

        Assert.Equal(["1", "2"], all.Strings("iid"));
        Assert.Equal(["False", "True"], all.Strings("confidential"));
        Assert.Equal(["2"], confidential.Strings("iid"));
        Assert.Equal(["1"], visible.Strings("iid"));
    }

    [Fact]
    public async Task Edit_MakingAnIssueConfidential_BumpsUpdatedAt_WritesASystemNote_AndShowsInAnUpdatedAfterListing()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        var gl = server.GitLab;
        gl.CreateProject(Project, isPrivate: false);
        gl.AddIssue(Project, "Looked harmless", createdAt: TestSandbox.Start.AddDays(-1));
        using var client = TestSandbox.Client(gl);
        time.Advance(TimeSpan.FromMinutes(5));
        var since = Uri.EscapeDataString(time.GetUtcNow().ToString("O"));

        using var edited = await client.Send(HttpMethod.Put, "projects/acme%2Fsecrets/issues/1", new { confidential = true });
        var issue = await edited.Json();
        var changed = await client.GetJson($"projects/acme%2Fsecrets/issues?updated_after={since}");
        var notes = await client.GetJson("projects/acme%2Fsecrets/issues/1/notes");

        Assert.True(issue.GetProperty("confidential").GetBoolean());
        Assert.Equal(TestSandbox.Start.AddMinutes(5), issue.GetProperty("updated_at").GetDateTimeOffset());
        Assert.Equal(["1"], changed.Strings("iid"));
        Assert.Equal(["made the issue confidential"], notes.Strings("body"));
    }
}
