using Microsoft.Extensions.Time.Testing;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Trackers.GitLab;

/// <summary>
/// GitLab hides a private project from a token whose user is not a member: every project route answers
/// 404 "404 Project Not Found" (lib/api/helpers.rb find_project!), never 403. The client says so in one line.
/// </summary>
public sealed class GitLabMembershipTests
{
    [Fact]
    public async Task Listing_PrivateProjectTheTokenIsNotAMemberOf_FailsWithOneLineErrorNamingTheProject_AfterOneRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        var gitLab = sandbox.GitLabDev;
        gitLab.CreateProject("acme/secret", isPrivate: true);
        gitLab.AddIssue("acme/secret", "Hidden");
        gitLab.SetMembers("acme/secret", "someone.else");
        await using var harness = await SandboxTrackerHarness.CreateAsync("dev", TrackerKind.GitLab, gitLab, time, ct);
        var client = harness.Trackers.Get("dev");

        var listing = await Assert.ThrowsAsync<TrackerNotFoundException>(async () => await client.ListIssuesAsync("acme/secret", new IssueQuery(), ct).ToListAsync(ct));
        var single = await Assert.ThrowsAsync<TrackerNotFoundException>(() => client.GetIssueAsync("acme/secret", 1, ct));

        Assert.Equal(
            "Tracker 'dev' found nothing at project acme/secret: it does not exist, or it is private and the token's user is not a member of it (GitLab answers 404 Project Not Found for both) (404 Not Found)",
            listing.Message);
        Assert.Equal(listing.Message, single.Message);
        Assert.DoesNotContain('\n', listing.Message);
        Assert.Equal(2, harness.Counter.Snapshot().TotalFor("dev")); // one request each: a 404 is not retried
    }

    [Fact]
    public async Task GetIssue_UnknownIssueOfAReadableProject_KeepsTheIssueInItsError()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        sandbox.GitLabDev.CreateProject("acme/open", isPrivate: true);
        await using var harness = await SandboxTrackerHarness.CreateAsync("dev", TrackerKind.GitLab, sandbox.GitLabDev, time, ct);

        var error = await Assert.ThrowsAsync<TrackerNotFoundException>(() => harness.Trackers.Get("dev").GetIssueAsync("acme/open", 42, ct));

        Assert.Equal("Tracker 'dev' found nothing at issue acme/open#42 (404 Not Found)", error.Message);
    }
}
