using Microsoft.Extensions.Time.Testing;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Trackers.GitHub;

/// <summary>
/// GitHub's page links name the repository by id (<c>/repositories/{id}/issues?page=2</c>, as recorded in
/// @octokit/fixtures paginate-issues), whatever form the first request used: both the listing Octokit pages itself and
/// the vote read IssueSync pages by hand follow them, and they count as the same endpoint.
/// </summary>
public sealed class GitHubPageLinkTests
{
    private const string Repo = "acme/paged";

    [Fact]
    public async Task Listings_OverTwoPages_FollowTheRepositoryByIdLinks_InTwoRequestsEach()
    {
        var ct = TestContext.Current.CancellationToken;
        var noon = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = new FakeTimeProvider(noon) }, ct);
        var hub = sandbox.GitHub;
        hub.CreateProject(Repo, isPrivate: false);
        for (var n = 1; n <= 150; n++)
        {
            hub.AddIssue(Repo, $"Paged {n}", createdAt: noon.AddDays(-10).AddMinutes(n));
        }

        using var fixture = new GitHubClientFixture(hub.ApiUrl, store: new InMemoryCursorStore(), token: hub.Token);
        var before = sandbox.Stats.Snapshot().For(hub.Name, "GET /repos/:owner/:repo/issues");

        var issues = await fixture.Client.ListIssuesAsync(Repo, new IssueQuery(), ct).ToListAsync(ct);
        var signals = await fixture.Client.ListVoteSignalsAsync(Repo, new VoteSignalQuery(), ct).ToListAsync(ct);

        Assert.Equal(150, issues.Count);
        Assert.Equal(150, signals.Count);
        Assert.Equal(4, sandbox.Stats.Snapshot().For(hub.Name, "GET /repos/:owner/:repo/issues") - before);
        Assert.Equal(4, fixture.Counter.Snapshot().Trackers["hub"].ByStatus.GetValueOrDefault(new RequestKey("hub", "GET", EndpointKinds.IssuesList, 200)));
    }

    [Theory]
    [InlineData("/api/v3/repositories/700001/issues", "issues.list")]
    [InlineData("/api/v3/repositories/700001/issues/7/comments", "notes.list")]
    [InlineData("/api/v3/repos/acme/paged/issues", "issues.list")]
    public void Classify_RepositoryById_IsTheSameEndpointAsByName(string path, string kind)
    {
        Assert.Equal(kind, EndpointKinds.Classify("GET", path, "/api/v3/"));
    }
}
