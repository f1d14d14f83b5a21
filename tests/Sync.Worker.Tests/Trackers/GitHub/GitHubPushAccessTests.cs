using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Health;
using Sync.Worker.Trackers.GitHub;

namespace Sync.Worker.Tests.Trackers.GitHub;

/// <summary>
/// Without push access GitHub creates the issue but silently drops its labels and milestone. The client reads back
/// what the answer holds: the write stands (one request, no retry), and the drop is a configuration error reported
/// once per repository, in the log (event 1158) and as a Degraded health check.
/// </summary>
public sealed class GitHubPushAccessTests
{
    private const string Widget = "acme/widget";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateIssue_WithoutPushAccess_CreatesItAndReportsTheDroppedLabelsAndMilestoneOncePerRepository()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);
        var hub = sandbox.GitHub;
        var logs = new FakeLogger<GitHubTrackerClient>();
        using var fixture = new GitHubClientFixture(hub.ApiUrl, token: hub.Token, logger: logs);
        var milestone = await fixture.Client.CreateMilestoneAsync(Widget, new TrackerMilestone(0, "v3"), Ct);
        hub.Project(Widget).Roles[hub.Bot.Username] = "triage";

        var first = await GitHubGoneAndMovedClientTests.Requests(sandbox, fixture, 1, () =>
            fixture.Client.CreateIssueAsync(Widget, new NewIssue("First copy", "Body", ["bug", "ui"], milestone.Id), Ct));
        var second = await GitHubGoneAndMovedClientTests.Requests(sandbox, fixture, 1, () =>
            fixture.Client.CreateIssueAsync(Widget, new NewIssue("Second copy", "Body", ["bug"]), Ct));
        var plain = await GitHubGoneAndMovedClientTests.Requests(sandbox, fixture, 1, () =>
            fixture.Client.CreateIssueAsync(Widget, new NewIssue("No labels asked", "Body"), Ct));

        Assert.Empty(first.Labels.Concat(second.Labels));
        Assert.Equal(((string?)null, (string?)null), (first.Milestone, second.Milestone));
        Assert.Equal(["First copy", "Second copy", "No labels asked"], new[] { first, second, plain }.Select(i => hub.Issue(Widget, (int)i.Ref.Number).Title));
        var problem = Assert.Single(fixture.Client.ConfigurationProblems);
        Assert.Equal(
            $"GitHub dropped the label(s) 'bug', 'ui' and milestone {milestone.Id} IssueSync set on acme/widget#{first.Ref.Number} without an error: "
            + "the token of tracker 'hub' lacks push (write) access to acme/widget; grant it, or labels and milestones stay off its issues",
            problem);
        var reported = logs.Collector.GetSnapshot();
        Assert.Equal([1158], reported.Where(l => l.Level >= LogLevel.Warning).Select(l => l.Id.Id));
        Assert.Equal([1159], reported.Where(l => l.Level == LogLevel.Debug && l.Id.Id is 1158 or 1159).Select(l => l.Id.Id));

        var health = await new TrackerConfigurationHealthCheck("hub", new OneTracker(fixture.Client)).CheckHealthAsync(new HealthCheckContext(), Ct);
        Assert.Equal((HealthStatus.Degraded, problem), (health.Status, health.Description));

        // Push access granted: the next write that keeps its labels clears the problem.
        hub.Project(Widget).Roles.Remove(hub.Bot.Username);
        var third = await fixture.Client.CreateIssueAsync(Widget, new NewIssue("Third copy", "Body", ["bug"]), Ct);
        Assert.Equal(["bug"], third.Labels);
        Assert.Empty(fixture.Client.ConfigurationProblems);
    }

    [Fact]
    public async Task CreateAndEdit_WithPushAccess_ReportNothing()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);
        var hub = sandbox.GitHub;
        using var fixture = new GitHubClientFixture(hub.ApiUrl, token: hub.Token);
        var milestone = await fixture.Client.CreateMilestoneAsync(Widget, new TrackerMilestone(0, "v3"), Ct);

        var created = await fixture.Client.CreateIssueAsync(Widget, new NewIssue("Copy", "Body", ["Bug"], milestone.Id), Ct);
        await fixture.Client.EditIssueAsync(Widget, created.Ref.Number, new IssueEdit(MilestoneId: milestone.Id), Ct);

        // GitHub matches label names without case and answers the repository's own spelling: not a drop.
        Assert.Equal(["bug"], created.Labels);
        Assert.Equal("v3", created.Milestone);
        Assert.Empty(fixture.Client.ConfigurationProblems);
        var health = await new TrackerConfigurationHealthCheck("hub", new OneTracker(fixture.Client)).CheckHealthAsync(new HealthCheckContext(), Ct);
        Assert.Equal(HealthStatus.Healthy, health.Status);
    }

    [Fact]
    public async Task EditIssue_WithoutPushAccess_ReportsTheDroppedMilestone_AndKeepsTheRestOfTheEdit()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);
        var hub = sandbox.GitHub;
        using var fixture = new GitHubClientFixture(hub.ApiUrl, token: hub.Token);
        var milestone = await fixture.Client.CreateMilestoneAsync(Widget, new TrackerMilestone(0, "v3"), Ct);
        hub.Project(Widget).Roles[hub.Bot.Username] = "read";

        var edited = await GitHubGoneAndMovedClientTests.Requests(sandbox, fixture, 1, () =>
            fixture.Client.EditIssueAsync(Widget, 2, new IssueEdit(Title: "Retitled", MilestoneId: milestone.Id), Ct));

        Assert.Equal(("Retitled", (string?)null), (edited.Title, edited.Milestone));
        Assert.StartsWith($"GitHub dropped the milestone {milestone.Id} IssueSync set on acme/widget#2", Assert.Single(fixture.Client.ConfigurationProblems), StringComparison.Ordinal);
    }

    private sealed class OneTracker(ITrackerClient client) : ITrackerRegistry
    {
        public IReadOnlyCollection<string> Names => [client.Name];

        public ITrackerClient Get(string name) => name == client.Name ? client : throw new KeyNotFoundException(name);
    }
}
