using Sync.Core.Trackers;
using Sync.Core.Votes;
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
    public async Task ListVoteSignals_TenThousandOpenIssues_625QueriesAndNoRestReadEvenForIssuesWith50Awards()
    {
        // 11,428 generated issues, every eighth closed: exactly 10,000 open, each with 0 to 3 thumbsup.
        await using var lab = await SandboxGitLab.StartAsync(Ct, bulkIssues: 11_428);
        var gl = lab.Sandbox.GitLabDev;
        var open = gl.Issues("acme/bulk").Where(i => !i.Closed).ToList();
        Assert.Equal(10_000, open.Count);

        // Three popular issues get 50 awards more each: far more than the award page (the newest one) holds.
        var popular = new[] { open[10], open[5_000], open[9_999] };
        foreach (var issue in popular)
        {
            AddFiftyAwards(gl, "acme/bulk", issue.Number);
        }

        lab.ResetCounts();
        var signals = await lab.Client.ListVoteSignalsAsync("acme/bulk", new VoteSignalQuery(), Ct).ToListAsync(Ct);

        Assert.Equal(open.Select(i => (long)i.Number).Order(), signals.Select(s => s.Number).Order());
        var byNumber = open.ToDictionary(i => (long)i.Number);
        foreach (var signal in signals)
        {
            var issue = byNumber[signal.Number];
            Assert.Null(signal.Voters);
            Assert.Equal(issue.Title, signal.Title);
            Assert.Equal(new TrackerUser(issue.Author.Username, issue.Author.Id), signal.Author);
            if (issue.Awards.Count <= GitLabVoteSignalDocument.AwardsPerIssue)
            {
                var exact = issue.Awards.GroupBy(a => a.Name).ToDictionary(g => g.Key, g => g.Count());
                Assert.Equal(exact.OrderBy(kv => kv.Key, StringComparer.Ordinal), signal.Counts.OrderBy(kv => kv.Key, StringComparer.Ordinal));
            }
            else
            {
                // The newest award's name, GitLab's thumbs counts, the overflow mark and the newest award's cursor.
                Assert.Equal(1, signal.Counts[issue.Awards.MaxBy(a => a.Id)!.Name]);
                Assert.Equal(issue.Upvotes, signal.Counts["~upvotes"]);
                Assert.Equal(issue.Downvotes, signal.Counts["~downvotes"]);
                Assert.Equal(1, signal.Counts["~overflow"]);
                Assert.Single(signal.Counts.Keys, k => k.StartsWith("~newest:", StringComparison.Ordinal));
            }
        }

        Assert.All(popular, p => Assert.Equal(1, signals.Single(s => s.Number == p.Number).Counts["~overflow"]));

        // ⌈10,000 / 16⌉ = 625 queries, each at complexity 249 of GitLab's 250, and nothing else.
        Assert.Equal(16, GitLabVoteSignalDocument.IssuesPerPage);
        Assert.Equal(249, GitLabVoteSignalDocument.Complexity(16, 1, byIids: false));
        Assert.Equal(266, GitLabVoteSignalDocument.Complexity(17, 1, byIids: false));
        Assert.Equal(625, lab.Served("POST /graphql"));
        Assert.Equal(625, lab.ServedTotal);
        lab.AssertCountsAgree();
    }

    [Theory]
    [InlineData("heart")] // the same name as the award it pushes off the page: only the newest award's cursor moves
    [InlineData("rocket")]
    [InlineData("thumbsup")]
    public async Task ListVoteSignals_NewAwardOnAnIssueWith50Awards_ChangesItsSignal(string name)
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct);
        var gl = lab.Sandbox.GitLabDev;
        var issue = gl.AddIssue(SandboxGitLab.ProjectPath, "Popular");
        AddFiftyAwards(gl, SandboxGitLab.ProjectPath, issue.Number);
        var query = new VoteSignalQuery(Numbers: [issue.Number]);
        var before = Assert.Single(await lab.Client.ListVoteSignalsAsync(SandboxGitLab.ProjectPath, query, Ct).ToListAsync(Ct));

        gl.AddAward(SandboxGitLab.ProjectPath, issue.Number, name, "late.voter");
        lab.ResetCounts();
        var after = Assert.Single(await lab.Client.ListVoteSignalsAsync(SandboxGitLab.ProjectPath, query, Ct).ToListAsync(Ct));

        Assert.NotEqual(VoteSignalBook.Fingerprint(before), VoteSignalBook.Fingerprint(after));
        Assert.Equal(1, lab.ServedTotal);
    }

    [Fact]
    public async Task ListVoteSignals_RemovedOlderPlainThumbOnAnIssueWith50Awards_ChangesItsSignal()
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct);
        var gl = lab.Sandbox.GitLabDev;
        var issue = gl.AddIssue(SandboxGitLab.ProjectPath, "Popular");
        AddFiftyAwards(gl, SandboxGitLab.ProjectPath, issue.Number);
        var query = new VoteSignalQuery(Numbers: [issue.Number]);
        var before = Assert.Single(await lab.Client.ListVoteSignalsAsync(SandboxGitLab.ProjectPath, query, Ct).ToListAsync(Ct));

        // The oldest award, a plain thumbsup: the page (the newest award) and its cursor stay as they were.
        gl.RemoveAward(SandboxGitLab.ProjectPath, issue.Number, "thumbsup", "fan.0");
        var after = Assert.Single(await lab.Client.ListVoteSignalsAsync(SandboxGitLab.ProjectPath, query, Ct).ToListAsync(Ct));

        Assert.Equal(before.Counts["~upvotes"] - 1, after.Counts["~upvotes"]);
        Assert.NotEqual(VoteSignalBook.Fingerprint(before), VoteSignalBook.Fingerprint(after));
    }

    [Fact]
    public async Task ListVoteSignals_ByNumbers_ReadsOpenAndClosedInChunksOf18()
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct, bulkIssues: 100);
        var wanted = Enumerable.Range(1, 45).Select(n => (long)n).ToList(); // 1..45, five of them closed

        var signals = await lab.Client.ListVoteSignalsAsync("acme/bulk", new VoteSignalQuery(Numbers: wanted), Ct).ToListAsync(Ct);

        Assert.Equal(wanted, signals.Select(s => s.Number).Order());
        Assert.Equal(18, GitLabVoteSignalDocument.IssuesPerIidsChunk);
        Assert.Equal(3, lab.Served("POST /graphql"));
        Assert.Equal(3, lab.ServedTotal);
        lab.AssertCountsAgree();
    }

    [Fact]
    public async Task ListVoteSignals_WithComments_OneCommentQueryPerSixIssues_AndRestForAnIssueWithMoreThanFiveComments()
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
        // Two awards, a page of one: the newest name, the overflow mark and the newest award's cursor.
        Assert.Equal(1, second.Counts["heart"]);
        Assert.Equal(1, second.Counts["~overflow"]);
        Assert.Single(second.Counts.Keys, k => k.StartsWith("~newest:", StringComparison.Ordinal));
        Assert.Equal(3, second.Counts.Count);
        Assert.Null(second.Voters);
        var seventh = Assert.Single(signals[6].Comments!);
        Assert.Equal(busy[^1].Id, seventh.CommentId);
        Assert.Equal("erin.park", Assert.Single(seventh.Voters!).User.Username);
        Assert.All(signals.Where(s => s.Number is not 2 and not 7), s => Assert.Empty(s.Comments!));

        // One listing query, ⌈7 / 6⌉ = 2 comment queries; issue 7 (six comments) read through REST: its notes, then six award lists.
        Assert.Equal(6, GitLabVoteSignalDocument.IssuesPerCommentQuery);
        Assert.Equal(3, lab.Served("POST /graphql"));
        Assert.Equal(1, lab.Served("GET /projects/:id/issues/:iid/notes"));
        Assert.Equal(6, lab.Served("GET /projects/:id/issues/:iid/notes/:note_id/award_emoji"));
        Assert.Equal(10, lab.ServedTotal);
        lab.AssertCountsAgree();
    }

    [Fact]
    public async Task ListVoteSignals_NewAwardOnACommentWithMoreAwardsThanThePage_ChangesItsSignalWithoutRest()
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct);
        var gl = lab.Sandbox.GitLabDev;
        var issue = gl.AddIssue(SandboxGitLab.ProjectPath, "Discussed");
        var note = gl.AddNote(SandboxGitLab.ProjectPath, issue.Number, "Same here");
        foreach (var n in Enumerable.Range(0, 10))
        {
            gl.AddAward(SandboxGitLab.ProjectPath, issue.Number, "heart", $"fan.{n}", noteId: note.Id);
        }

        var query = new VoteSignalQuery(Numbers: [issue.Number], Comments: true);
        var before = Assert.Single(await lab.Client.ListVoteSignalsAsync(SandboxGitLab.ProjectPath, query, Ct).ToListAsync(Ct));
        gl.AddAward(SandboxGitLab.ProjectPath, issue.Number, "heart", "late.voter", noteId: note.Id);
        lab.ResetCounts();
        var after = Assert.Single(await lab.Client.ListVoteSignalsAsync(SandboxGitLab.ProjectPath, query, Ct).ToListAsync(Ct));

        Assert.Null(Assert.Single(after.Comments!).Voters);
        Assert.NotEqual(VoteSignalBook.Fingerprint(before), VoteSignalBook.Fingerprint(after));
        Assert.Equal(2, lab.Served("POST /graphql"));
        Assert.Equal(2, lab.ServedTotal);
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

    /// <summary>50 awards, oldest first: 20 plain thumbsup, 10 thumbsup_tone2, 10 thumbsdown, 9 rocket, then a heart.</summary>
    private static void AddFiftyAwards(Sync.Sandbox.SandboxInstance gl, string project, int number)
    {
        var names = Enumerable.Repeat("thumbsup", 20).Concat(Enumerable.Repeat("thumbsup_tone2", 10))
            .Concat(Enumerable.Repeat("thumbsdown", 10)).Concat(Enumerable.Repeat("rocket", 9)).Append("heart");
        foreach (var (name, n) in names.Select((name, n) => (name, n)))
        {
            gl.AddAward(project, number, name, $"fan.{n}");
        }
    }
}
