using Microsoft.Extensions.Time.Testing;
using Sync.Core.Inventory;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Trackers;

/// <summary>
/// Offset pages drift while an issue is updated between two page requests (the sandbox's <c>UpdateIssueAfterAnswer</c>
/// fault); the incremental listing pages by its bound instead, so no issue slides past it and the cursor never passes
/// an issue it did not see. Requests are exact: the same two pages the offset listing took.
/// </summary>
public sealed class IncrementalListingDriftTests
{
    private const string Project = "acme/drift";
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Trackers => new() { "dev", "github" };

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task IncrementalListing_IssueUpdatedBetweenTwoPages_MissesNoIssueAndCostsTwoRequests(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        var instance = tracker == "dev" ? sandbox.GitLabDev : sandbox.GitHub;
        var kind = tracker == "dev" ? TrackerKind.GitLab : TrackerKind.GitHub;
        instance.CreateProject(Project, isPrivate: false);
        var numbers = new List<int>();
        for (var n = 1; n <= 150; n++)
        {
            var issue = instance.AddIssue(Project, $"Issue {n}");
            lock (instance.Sync)
            {
                issue.UpdatedAt = Noon.AddMinutes(-200 + n); // updated order = creation order
            }

            numbers.Add(issue.Number);
        }

        await using var harness = await SandboxTrackerHarness.CreateAsync(tracker, kind, instance, time, ct);
        var client = harness.Trackers.Get(tracker);
        var endpoint = kind == TrackerKind.GitLab ? "GET /projects/:id/issues" : "GET /repos/:owner/:repo/issues";
        sandbox.Control.InjectFault(instance.Name, new SandboxFault(SandboxFaultKind.UpdateIssueAfterAnswer, Endpoint: endpoint, UpdateProject: Project, UpdateIssue: numbers[0]));
        var before = harness.Counter.Snapshot().TotalFor(tracker);

        var listing = await IncrementalListing.ListAsync(client, Project, harness.Store, "drift", time, ct);

        Assert.Equal(0, sandbox.Control.PendingFaults);
        Assert.Equal(2, harness.Counter.Snapshot().TotalFor(tracker) - before);
        var listed = listing.Changed.Select(i => i.Ref.Number).ToList();
        Assert.Contains(numbers[100], listed); // the issue that slid from page 2 onto page 1
        Assert.Equal([.. numbers.Skip(1).Select(n => (long)n), numbers[0]], listed); // issue 1 once, as updated, last
        Assert.EndsWith("(edited)", listing.Changed[^1].Title, StringComparison.Ordinal);

        // The cursor stands on what was seen: the next listing, ten minutes on, takes one request and returns only
        // issue 1, listed in the very instant of its update and so re-checked once (same second; GitLab's touch window).
        await listing.SaveAsync(time.GetUtcNow(), ct);
        time.Advance(TimeSpan.FromMinutes(10));
        var next = await IncrementalListing.ListAsync(client, Project, harness.Store, "drift", time, ct);
        Assert.Equal([(long)numbers[0]], next.Changed.Select(i => i.Ref.Number));
        Assert.Equal(3, harness.Counter.Snapshot().TotalFor(tracker) - before);
    }

    [Fact]
    public async Task IncrementalListing_MoreThanAPageInOneSecond_GoesOnByOffsetUnderThatBound_AndMissesNone()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        var instance = sandbox.GitHub;
        instance.CreateProject(Project, isPrivate: false);
        for (var n = 1; n <= 250; n++)
        {
            var issue = instance.AddIssue(Project, $"Issue {n}");
            lock (instance.Sync)
            {
                issue.UpdatedAt = Noon.AddMinutes(-30); // one GitHub second for all (a bulk edit)
            }
        }

        await using var harness = await SandboxTrackerHarness.CreateAsync("github", TrackerKind.GitHub, instance, time, ct);
        var before = harness.Counter.Snapshot().TotalFor("github");

        var listing = await IncrementalListing.ListAsync(harness.Trackers.Get("github"), Project, harness.Store, "bulk", time, ct);

        Assert.Equal(250, listing.Changed.Select(i => i.Ref.Number).Distinct().Count());
        Assert.Equal(250, listing.Changed.Count);

        // Page 1; page 1 from that second (the bound cannot move: all repeats); then pages 2 and 3 under that bound.
        Assert.Equal(4, harness.Counter.Snapshot().TotalFor("github") - before);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IncrementalListing_GitHubSinceReadEitherWay_SeesTheIssueSharingThePageBoundarysSecond(bool exclusive)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        var instance = sandbox.GitHub;
        instance.SinceIsExclusive = exclusive;
        instance.CreateProject(Project, isPrivate: false);
        var numbers = new List<long>();
        for (var n = 1; n <= 150; n++)
        {
            var issue = instance.AddIssue(Project, $"Issue {n}");
            lock (instance.Sync)
            {
                issue.UpdatedAt = Noon.AddMinutes(-200 + (n == 101 ? 100 : n)); // issues 100 and 101 share one second
            }

            numbers.Add(issue.Number);
        }

        await using var harness = await SandboxTrackerHarness.CreateAsync("github", TrackerKind.GitHub, instance, time, ct);
        var client = harness.Trackers.Get("github");
        var before = harness.Counter.Snapshot().TotalFor("github");

        var listing = await IncrementalListing.ListAsync(client, Project, harness.Store, "boundary", time, ct);

        // Page 1 ends at issue 100; page 2 asks from one second before it, so issue 101 comes back whether or not
        // GitHub's `since` includes its own second.
        Assert.Equal(numbers.Order(), listing.Changed.Select(i => i.Ref.Number).Order());
        Assert.Equal(2, harness.Counter.Snapshot().TotalFor("github") - before);

        await listing.SaveAsync(time.GetUtcNow(), ct);
        time.Advance(TimeSpan.FromMinutes(10));
        var next = await IncrementalListing.ListAsync(client, Project, harness.Store, "boundary", time, ct);
        Assert.Empty(next.Changed);
        Assert.Equal(3, harness.Counter.Snapshot().TotalFor("github") - before);
    }
}
