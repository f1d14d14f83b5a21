using Microsoft.Extensions.Time.Testing;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Roadmap;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Roadmap;

/// <summary>
/// The roadmap through the sandbox on both trackers: sections by milestone and by rank, one roadmap issue updated in
/// place, board labels and the GitLab board repaired after human edits, a dry-run diff, and byte-identical rebuilds
/// that write nothing.
/// </summary>
public sealed class RoadmapSandboxTests
{
    private const string Project = "acme/road";
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Trackers => new() { "gitlab", "github" };

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task Rebuild_PlacesIssues_ThenWritesOnlyWhatChanged_AndRepairsHumanEdits(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        var instance = tracker == "gitlab" ? sandbox.GitLab : sandbox.GitHub;
        var kind = tracker == "gitlab" ? TrackerKind.GitLab : TrackerKind.GitHub;
        var gitLab = kind == TrackerKind.GitLab;
        instance.CreateProject(Project, isPrivate: false);
        await using var harness = await SandboxTrackerHarness.CreateAsync(tracker, kind, instance, time, ct, unpaced: true);
        var client = harness.Trackers.Get(tracker);
        var store = harness.Store;
        var rules = new RoadmapRules { NowSize = 1, NextSize = 2, LaterSize = 1 };
        var product = new ProductDefinition("road", new ProjectRef(tracker, Project), []) { Roadmap = rules };
        var votes = new VotesStep(harness.Trackers, store, store, store, store, time, p => p.Votes);
        var step = new RoadmapStep(harness.Trackers, store, store, store, store, new NoProjectBoards(), time, p => p.Roadmap);
        var voter = 0;

        int Issue(string title, int voters)
        {
            var issue = instance.AddIssue(Project, title, "Please.", [], "carol.diaz", createdAt: Noon.AddDays(-60));
            for (var i = 0; i < voters; i++)
            {
                instance.AddAward(Project, issue.Number, gitLab ? "thumbsup" : "+1", $"voter{++voter}", at: Noon.AddDays(-2));
            }

            return issue.Number;
        }

        var v1 = await client.CreateMilestoneAsync(Project, new TrackerMilestone(0, "1.0", DueDate: DateOnly.FromDateTime(Noon.AddDays(10).UtcDateTime)), ct);
        var v2 = await client.CreateMilestoneAsync(Project, new TrackerMilestone(0, "2.0", DueDate: DateOnly.FromDateTime(Noon.AddDays(40).UtcDateTime)), ct);
        var v3 = await client.CreateMilestoneAsync(Project, new TrackerMilestone(0, "3.0", DueDate: DateOnly.FromDateTime(Noon.AddDays(90).UtcDateTime)), ct);
        var a = Issue("Offline mode", 0);
        var b = Issue("Themes", 0);
        var c = Issue("Plugins", 0);
        await client.EditIssueAsync(Project, a, new IssueEdit(MilestoneId: v1.Id), ct);
        await client.EditIssueAsync(Project, b, new IssueEdit(MilestoneId: v2.Id), ct);
        await client.EditIssueAsync(Project, c, new IssueEdit(MilestoneId: v3.Id), ct);
        var d = Issue("Dark mode", 5);
        var e = Issue("SSO", 4);
        var f = Issue("Export", 3);
        var g = Issue("Audit log", 2);
        var h = Issue("Typo fix", 1);
        var shipped = Issue("Search", 9);
        var dropped = Issue("Fax support", 9);
        Close(instance, shipped, Noon.AddDays(-3), gitLab ? null : "completed");
        Close(instance, dropped, Noon.AddDays(-3), "not_planned");
        if (gitLab)
        {
            instance.Issue(Project, dropped).MovedToId = 999_999; // GitLab: closed by moving it elsewhere (not shipped here)
        }

        async Task<(Dictionary<string, long> Writes, StepResult Result, WriteJournal Journal)> PassAsync(bool dryRun = false)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await votes.RunAsync(new PipelineContext(product, DryRun: false, new WriteJournal()), ct);
            time.Advance(TimeSpan.FromSeconds(5));
            var before = sandbox.Stats.Snapshot();
            var journal = new WriteJournal();
            var result = await step.RunAsync(new PipelineContext(product, dryRun, journal), ct);
            var after = sandbox.Stats.Snapshot();
            var writes = after.WritesSince(before, instance.Name);
            return (writes, result, journal);
        }

        string[] BoardLabels(int number) =>
            [.. instance.Issue(Project, number).Labels.Where(l => l.StartsWith("roadmap::", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

        // A dry run lists the new issue (its whole text as a diff) and every label, and writes nothing.
        var dry = await PassAsync(dryRun: true);
        Assert.Empty(dry.Writes);
        Assert.Contains(dry.Journal.Writes, w => w.Action == "create" && w.Detail.Contains("+ ## Now", StringComparison.Ordinal));
        Assert.Equal(7, dry.Journal.Writes.Count(w => w.Action == "label" && w.Target.Contains('#', StringComparison.Ordinal)));

        // First rebuild: milestones 1.0/2.0/3.0 give Now/Next/Later; the rest by votes: 1 now, 2 next, 1 later, 1 left off.
        var first = await PassAsync();
        var roadmapIssues = instance.Issues(Project).Where(i => RoadmapText.IsRoadmapOf(i.Description ?? string.Empty, "road")).ToList();
        var roadmap = Assert.Single(roadmapIssues);
        Assert.Equal("Roadmap", roadmap.Title);
        Assert.Equal(["roadmap::now"], BoardLabels(a));
        Assert.Equal(["roadmap::now"], BoardLabels(d));
        Assert.Equal(["roadmap::next"], BoardLabels(b));
        Assert.Equal(["roadmap::next"], BoardLabels(e));
        Assert.Equal(["roadmap::next"], BoardLabels(f));
        Assert.Equal(["roadmap::later"], BoardLabels(c));
        Assert.Equal(["roadmap::later"], BoardLabels(g));
        Assert.Empty(BoardLabels(h));
        var text = roadmap.Description!;
        Assert.True(text.IndexOf("#" + a + " Offline mode", StringComparison.Ordinal) < text.IndexOf("#" + d + " Dark mode", StringComparison.Ordinal));
        Assert.Contains("1.0 (due 2026-06-11)", text, StringComparison.Ordinal);
        Assert.True(text.Contains("5 votes (👍", StringComparison.Ordinal), text);
        Assert.Contains($"#{shipped} Search", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Fax support", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Typo fix", text, StringComparison.Ordinal);
        var labelWrite = gitLab ? "PUT /projects/:id/issues/:iid" : "POST /repos/:owner/:repo/issues/:number/labels";
        var expected = gitLab
            ? new Dictionary<string, long>
            {
                ["POST /projects/:id/issues"] = 1, ["POST /projects/:id/labels"] = 3, [labelWrite] = 7,
                ["POST /projects/:id/boards"] = 1, ["POST /projects/:id/boards/:board_id/lists"] = 3,
            }
            : new Dictionary<string, long> { ["POST /repos/:owner/:repo/issues"] = 1, ["POST /repos/:owner/:repo/labels"] = 3, [labelWrite] = 7 };
        Assert.Equal(expected, first.Writes);
        if (gitLab)
        {
            var board = Assert.Single(instance.Project(Project).Boards);
            Assert.Equal(["roadmap::now", "roadmap::next", "roadmap::later"], board.Lists.OrderBy(l => l.Position).Select(l => l.Label.Name));
        }

        // Rebuilt twice with nothing changed: byte-identical text, nothing written.
        Assert.Empty((await PassAsync()).Writes);
        Assert.Empty((await PassAsync()).Writes);
        Assert.Equal(text, instance.Issue(Project, roadmap.Number).Description);

        // Humans: a second board label on E, D's label removed, the roadmap retitled and its text edited, a board list deleted.
        await client.ChangeLabelsAsync(Project, e, ["roadmap::later"], [], ct);
        await client.ChangeLabelsAsync(Project, d, [], ["roadmap::now"], ct);
        await client.EditIssueAsync(Project, roadmap.Number, new IssueEdit(Title: "Where we are going", Body: "scribbled over\n" + RoadmapText.Marker("road")), ct);
        if (gitLab)
        {
            instance.Project(Project).Boards[0].Lists.RemoveAll(l => l.Label.Name == "roadmap::next");
        }

        var repaired = await PassAsync();
        Assert.Equal(["roadmap::next"], BoardLabels(e));
        Assert.Equal(["roadmap::now"], BoardLabels(d));
        Assert.Equal(text, instance.Issue(Project, roadmap.Number).Description);
        Assert.Equal("Where we are going", instance.Issue(Project, roadmap.Number).Title); // a human's title stays
        Assert.Single(instance.Issues(Project), i => RoadmapText.IsRoadmapOf(i.Description ?? string.Empty, "road"));
        Assert.Equal(
            gitLab
                ? new Dictionary<string, long> { ["PUT /projects/:id/issues/:iid"] = 3, ["POST /projects/:id/boards/:board_id/lists"] = 1, ["PUT /projects/:id/boards/:board_id/lists/:list_id"] = 1 }
                : new Dictionary<string, long> { ["PATCH /repos/:owner/:repo/issues/:number"] = 1, [labelWrite] = 1, ["DELETE /repos/:owner/:repo/issues/:number/labels/:name"] = 1 },
            repaired.Writes);

        // Demand moves H past G: a dry run shows the diff, the real run moves one row and two labels.
        for (var i = 0; i < 2; i++)
        {
            instance.AddAward(Project, h, gitLab ? "thumbsup" : "+1", $"late{i}", at: time.GetUtcNow());
        }

        var preview = await PassAsync(dryRun: true);
        Assert.Empty(preview.Writes);
        var diff = Assert.Single(preview.Journal.Writes, w => w.Action == "edit").Detail.Split('\n');
        Assert.Contains(diff, l => l.StartsWith("+ ", StringComparison.Ordinal) && l.Contains("Typo fix", StringComparison.Ordinal));
        Assert.Contains(diff, l => l.StartsWith("- ", StringComparison.Ordinal) && l.Contains("Audit log", StringComparison.Ordinal));
        var moved = await PassAsync();
        Assert.Contains("Typo fix", instance.Issue(Project, roadmap.Number).Description!, StringComparison.Ordinal);
        Assert.Equal(["roadmap::later"], BoardLabels(h));
        Assert.Empty(BoardLabels(g));

        // /direction's document matches the issue.
        var document = await ProductRoadmap.LoadAsync(store, "road", ct);
        Assert.NotNull(document);
        Assert.Equal(roadmap.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), document.IssueUrl!.Split('/')[^1]);
        Assert.Equal([a, d], document.In(RoadmapSection.Now).Select(i => i.Number));
        Assert.NotEmpty(moved.Writes);
    }

    private static void Close(SandboxInstance instance, int number, DateTimeOffset at, string? reason)
    {
        var issue = instance.Issue(Project, number);
        issue.Closed = true;
        issue.ClosedAt = at;
        issue.UpdatedAt = at;
        issue.StateReason = reason;
    }
}
