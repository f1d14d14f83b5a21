using Sync.Core.Trackers;
using Sync.Worker.Trackers.GitLab;

namespace Sync.Worker.Tests.Trackers.GitLab;

/// <summary>
/// The GitLab bulk vote-signal read against the sandbox's GraphQL (which enforces GitLab's page size and complexity
/// limits), with exact request counts on both sides.
/// </summary>
public sealed class GitLabVoteSignalSandboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListVoteSignals_TenThousandOpenIssues_589QueriesPlusOneRestReadPerOverflowingAwardList()
    {
        // 11,428 generated issues, every eighth closed: exactly 10,000 open, each with 0 to 3 thumbsup.
        await using var lab = await SandboxGitLab.StartAsync(Ct, bulkIssues: 11_428);
        var gl = lab.Sandbox.GitLabDev;
        var open = gl.Issues("acme/bulk").Where(i => !i.Closed).ToList();
        Assert.Equal(10_000, open.Count);

        // Three issues get more awards than the query's award page holds (3): their lists are completed through REST.
        var overflowing = new[] { open[10], open[5_000], open[9_999] };
        var at = new DateTimeOffset(2026, 5, 1, 8, 30, 0, TimeSpan.Zero);
        foreach (var issue in overflowing)
        {
            gl.AddAward("acme/bulk", issue.Number, "heart", "fan.one", at: at);
            gl.AddAward("acme/bulk", issue.Number, "rocket", "fan.two", at: at);
            gl.AddAward("acme/bulk", issue.Number, "thumbsup_tone2", "fan.three", at: at);
            gl.AddAward("acme/bulk", issue.Number, "thumbsup", "fan.four", at: at.AddMinutes(1));
        }

        lab.ResetCounts();
        var signals = await lab.Client.ListVoteSignalsAsync("acme/bulk", new VoteSignalQuery(), Ct).ToListAsync(Ct);

        Assert.Equal(open.Select(i => (long)i.Number).Order(), signals.Select(s => s.Number).Order());
        var byNumber = open.ToDictionary(i => (long)i.Number);
        foreach (var signal in signals)
        {
            var issue = byNumber[signal.Number];
            var expected = issue.Awards.GroupBy(a => a.Name).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), signal.Counts.OrderBy(kv => kv.Key, StringComparer.Ordinal));
            Assert.Equal(issue.Title, signal.Title);
            Assert.Equal(new TrackerUser(issue.Author.Username, issue.Author.Id), signal.Author);
            if (overflowing.Contains(issue))
            {
                // GitLab writes times to the millisecond.
                Assert.Equal(
                    issue.Awards.Select(a => (a.Id, a.Name, a.User.Username, a.CreatedAt.UtcTicks / TimeSpan.TicksPerMillisecond)),
                    signal.Voters!.Select(v => (v.Id, v.Name, v.User.Username, v.CreatedAt.UtcTicks / TimeSpan.TicksPerMillisecond)));
            }
            else
            {
                Assert.Null(signal.Voters);
            }
        }

        // ⌈10,000 / 17⌉ = 589 queries, each at complexity 246 of GitLab's 250; 3 award lists read through REST.
        Assert.Equal(17, GitLabVoteSignalDocument.IssuesPerPage);
        Assert.Equal(589, lab.Served("POST /graphql"));
        Assert.Equal(3, lab.Served("GET /projects/:id/issues/:iid/award_emoji"));
        Assert.Equal(592, lab.ServedTotal);
        lab.AssertCountsAgree();
    }

    [Fact]
    public async Task ListVoteSignals_ByNumbers_ReadsOpenAndClosedInChunksOf20()
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct, bulkIssues: 100);
        var wanted = Enumerable.Range(1, 45).Select(n => (long)n).ToList(); // 1..45, five of them closed

        var signals = await lab.Client.ListVoteSignalsAsync("acme/bulk", new VoteSignalQuery(Numbers: wanted), Ct).ToListAsync(Ct);

        Assert.Equal(wanted, signals.Select(s => s.Number).Order());
        Assert.Equal(20, GitLabVoteSignalDocument.IssuesPerIidsChunk);
        Assert.Equal(3, lab.Served("POST /graphql"));
        Assert.Equal(3, lab.ServedTotal);
        lab.AssertCountsAgree();
    }

    [Fact]
    public async Task ListVoteSignals_WithComments_OneCommentQueryPerFiveIssues_AndRestForAnIssueWithMoreThanFiveComments()
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct);
        var gl = lab.Sandbox.GitLabDev;
        gl.CreateProject("acme/talk", isPrivate: false, "Talk");
        var issues = Enumerable.Range(1, 7).Select(n => gl.AddIssue("acme/talk", $"Topic {n}")).ToList();
        var liked = gl.AddNote("acme/talk", issues[1].Number, "Same here");
        gl.AddNote("acme/talk", issues[1].Number, "added ~bug label", system: true);
        gl.AddAward("acme/talk", issues[1].Number, "thumbsup", "carol.diaz", noteId: liked.Id);
        gl.AddAward("acme/talk", issues[1].Number, "heart", "dan.okafor", noteId: liked.Id);
        var busy = Enumerable.Range(1, 6).Select(n => gl.AddNote("acme/talk", issues[6].Number, $"Reply {n}")).ToList();
        gl.AddAward("acme/talk", issues[6].Number, "rocket", "erin.park", noteId: busy[^1].Id);

        lab.ResetCounts();
        var signals = await lab.Client.ListVoteSignalsAsync("acme/talk", new VoteSignalQuery(Comments: true), Ct).ToListAsync(Ct);

        var second = Assert.Single(signals[1].Comments!);
        Assert.Equal(liked.Id, second.CommentId);
        Assert.Equal(new Dictionary<string, int> { ["thumbsup"] = 1, ["heart"] = 1 }, second.Counts);
        Assert.Null(second.Voters);
        var seventh = Assert.Single(signals[6].Comments!);
        Assert.Equal(busy[^1].Id, seventh.CommentId);
        Assert.Equal("erin.park", Assert.Single(seventh.Voters!).User.Username);
        Assert.All(signals.Where(s => s.Number is not 2 and not 7), s => Assert.Empty(s.Comments!));

        // One listing query, ⌈7 / 5⌉ = 2 comment queries; issue 7 (six comments) read through REST: its notes, then six award lists.
        Assert.Equal(5, GitLabVoteSignalDocument.IssuesPerCommentQuery);
        Assert.Equal(3, lab.Served("POST /graphql"));
        Assert.Equal(1, lab.Served("GET /projects/:id/issues/:iid/notes"));
        Assert.Equal(6, lab.Served("GET /projects/:id/issues/:iid/notes/:note_id/award_emoji"));
        Assert.Equal(10, lab.ServedTotal);
        lab.AssertCountsAgree();
    }

    [Fact]
    public async Task ListVoteSignals_UnknownProject_ThrowsNotFoundAfterOneQuery()
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct);

        await Assert.ThrowsAsync<TrackerNotFoundException>(async () =>
            await lab.Client.ListVoteSignalsAsync("acme/nowhere", new VoteSignalQuery(), Ct).ToListAsync(Ct));

        Assert.Equal(1, lab.ServedTotal);
        lab.AssertCountsAgree();
    }

    [Fact]
    public async Task ListVoteSignals_AwardAfterTheIssuesLastUpdate_IsSeenAlthoughUpdatedAtDidNotMove()
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct);
        var gl = lab.Sandbox.GitLabDev;
        var issue = gl.AddIssue(SandboxGitLab.ProjectPath, "Quiet issue");
        var updatedBefore = gl.Issue(SandboxGitLab.ProjectPath, issue.Number).UpdatedAt;

        gl.AddAward(SandboxGitLab.ProjectPath, issue.Number, "thumbsup", "late.voter", at: updatedBefore.AddHours(1));
        var signals = await lab.Client.ListVoteSignalsAsync(SandboxGitLab.ProjectPath, new VoteSignalQuery(Numbers: [issue.Number]), Ct).ToListAsync(Ct);

        Assert.Equal(updatedBefore, gl.Issue(SandboxGitLab.ProjectPath, issue.Number).UpdatedAt);
        Assert.Equal(1, Assert.Single(signals).Counts["thumbsup"]);
        Assert.Equal(1, lab.Served("POST /graphql"));
    }
}
