using System.Text;
using Sync.Core.Trackers;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Trackers.GitLab;

/// <summary>
/// Every GitLab operation against the real sandbox over loopback; each test ends by checking that the sandbox's
/// own per-endpoint counters and IssueSync's RequestCounter agree exactly.
/// </summary>
public sealed class GitLabSandboxEndToEndTests
{
    private const string Project = SandboxGitLab.ProjectPath;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateThenEditIssue_OneRequestEach_AndTheSandboxHoldsTheEdit()
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct);
        var milestone = (await lab.Client.ListMilestonesAsync(Project, Ct).ToListAsync(Ct))[0];

        var created = await lab.Client.CreateIssueAsync(Project, new NewIssue("E2E crash", "Steps", ["bug", "ui"], milestone.Id, Confidential: true), Ct);
        var edited = await lab.Client.EditIssueAsync(
            Project, created.Ref.Number, new IssueEdit(AddLabels: ["triaged"], RemoveLabels: ["ui"], ClearMilestone: true, State: IssueState.Closed), Ct);
        var fetched = await lab.Client.GetIssueAsync(Project, created.Ref.Number, Ct);

        Assert.Equal(milestone.Title, created.Milestone);
        Assert.True(created.Confidential);
        Assert.Equal(["bug", "triaged"], edited.Labels.Order(StringComparer.Ordinal));
        Assert.Null(edited.Milestone);
        Assert.Equal(IssueState.Closed, edited.State);
        Assert.Equal(edited.Labels, fetched.Labels);
        Assert.Equal(1, lab.Served("GET /projects/:id/milestones"));
        Assert.Equal(1, lab.Served("POST /projects/:id/issues"));
        Assert.Equal(1, lab.Served("PUT /projects/:id/issues/:iid"));
        Assert.Equal(1, lab.Served("GET /projects/:id/issues/:iid"));
        Assert.Equal(4, lab.ServedTotal);
        lab.AssertCountsAgree();
    }

    [Fact]
    public async Task EditIssue_Empty_SendsNothingToTheSandbox()
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => lab.Client.EditIssueAsync(Project, 1, new IssueEdit(), Ct));

        Assert.Equal(0, lab.ServedTotal);
        lab.AssertCountsAgree();
    }

    [Fact]
    public async Task Comments_ListFlagsSystemAndInternal_CreateAndEditRoundTrip()
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct);
        var seeded = lab.Project.FindIssue(6)!; // seeded with an internal note and system notes

        var comments = await lab.Client.ListCommentsAsync(Project, 6, Ct).ToListAsync(Ct);

        Assert.Equal(seeded.Notes.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Select(n => (n.Id, n.System, n.Internal)), comments.Select(c => (c.Id, c.System, c.Internal)));
        Assert.Contains(comments, c => c.Internal);
        Assert.Contains(comments, c => c.System);

        var note = await lab.Client.CreateCommentAsync(Project, 6, "Internal e2e note", isInternal: true, Ct);
        var edited = await lab.Client.EditCommentAsync(Project, 6, note.Id, "Edited e2e note", Ct);
        var after = await lab.Client.ListCommentsAsync(Project, 6, Ct).ToListAsync(Ct);

        Assert.True(note.Internal);
        Assert.Equal("Edited e2e note", edited.Body);
        Assert.Contains(after, c => c.Id == note.Id && c.Internal && c.Body == "Edited e2e note");
        Assert.Equal(2, lab.Served("GET /projects/:id/issues/:iid/notes"));
        Assert.Equal(1, lab.Served("POST /projects/:id/issues/:iid/notes"));
        Assert.Equal(1, lab.Served("PUT /projects/:id/issues/:iid/notes/:note_id"));
        lab.AssertCountsAgree();
    }

    [Fact]
    public async Task Reactions_OnIssueAndNote_MatchTheSeededAwards()
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct);
        var issue = lab.Project.Issues.First(i => i.Awards.Count > 0 && i.Notes.Exists(n => n.Awards.Count > 0));
        var note = issue.Notes.First(n => n.Awards.Count > 0);

        var onIssue = await lab.Client.ListIssueReactionsAsync(Project, issue.Number, Ct).ToListAsync(Ct);
        var onNote = await lab.Client.ListCommentReactionsAsync(Project, issue.Number, note.Id, Ct).ToListAsync(Ct);

        Assert.Equal(issue.Awards.Select(a => (a.Id, a.Name, a.User.Username)), onIssue.Select(r => (r.Id, r.Name, r.User.Username)));
        Assert.Equal(note.Awards.Select(a => (a.Id, a.Name, a.User.Username)), onNote.Select(r => (r.Id, r.Name, r.User.Username)));
        Assert.Equal(1, lab.Served("GET /projects/:id/issues/:iid/award_emoji"));
        Assert.Equal(1, lab.Served("GET /projects/:id/issues/:iid/notes/:note_id/award_emoji"));
        lab.AssertCountsAgree();
    }

    [Fact]
    public async Task Labels_CreateTwice_SecondReturnsTheExistingLabel()
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct);

        var listed = await lab.Client.ListLabelsAsync(Project, Ct).ToListAsync(Ct);
        var first = await lab.Client.CreateLabelAsync(Project, new TrackerLabel("e2e", "#112233", "End to end"), Ct);
        var second = await lab.Client.CreateLabelAsync(Project, new TrackerLabel("e2e", "#445566"), Ct);

        Assert.Equal(lab.Project.Labels.Count - 1, listed.Count);
        Assert.Equal(new TrackerLabel("e2e", "#112233", "End to end"), first);
        Assert.Equal(first, second);
        Assert.Equal(2, lab.Served("POST /projects/:id/labels"));
        Assert.Equal(2, lab.Served("GET /projects/:id/labels"));
        lab.AssertCountsAgree();
    }

    [Fact]
    public async Task Milestones_ListAndCreate_CarryIdStateAndDueDate()
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct);

        var created = await lab.Client.CreateMilestoneAsync(Project, new TrackerMilestone(0, "v9.9", DueDate: new DateOnly(2031, 5, 17), Description: "Later"), Ct);
        var listed = await lab.Client.ListMilestonesAsync(Project, Ct).ToListAsync(Ct);

        Assert.Contains(created, listed);
        Assert.Equal(
            lab.Project.Milestones.Select(m => (m.Id, m.Title, m.Closed, m.DueDate)).Order(),
            listed.Select(m => (m.Id, m.Title, m.Closed, m.DueDate)).Order());
        Assert.Equal(1, lab.Served("POST /projects/:id/milestones"));
        Assert.Equal(1, lab.Served("GET /projects/:id/milestones"));
        lab.AssertCountsAgree();
    }

    [Fact]
    public async Task UploadFile_StoresTheBytes_AndReturnsImageMarkdown()
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes("not really a png"));

        var upload = await lab.Client.Uploads().UploadFileAsync(Project, "shot.png", content, Ct);

        var stored = lab.Project.Uploads.Single(u => upload.Url == u.RelativeUrl);
        Assert.Equal("not really a png", Encoding.UTF8.GetString(stored.Content));
        Assert.Equal($"![shot]({stored.RelativeUrl})", upload.Markdown);
        Assert.Equal(1, lab.Served("POST /projects/:id/uploads"));
        lab.AssertCountsAgree();
    }

    [Fact]
    public async Task EnsureBoard_CreatesThenIdlesInTwoReads_ThenReordersWithPuts()
    {
        await using var lab = await SandboxGitLab.StartAsync(Ct);
        string[] labels = ["workflow::todo", "workflow::doing", "workflow::done"];

        var created = await lab.Client.Boards().EnsureBoardAsync(Project, "E2E board", labels, Ct);
        lab.AssertCountsAgree();
        var board = lab.Project.Boards.Single(b => b.Name == "E2E board");
        Assert.Equal(labels, board.Lists.OrderBy(l => l.Position).Select(l => l.Label.Name));
        Assert.Equal(labels, created.ListLabels);
        Assert.Equal(3, lab.Served("POST /projects/:id/boards/:board_id/lists"));
        Assert.Equal(3, lab.Served("POST /projects/:id/labels")); // the workflow labels did not exist yet
        Assert.Equal(9, lab.ServedTotal); // GET boards, POST board, GET labels, 3 x POST label, 3 x POST list

        lab.ResetCounts();
        var idle = await lab.Client.Boards().EnsureBoardAsync(Project, "E2E board", labels, Ct);
        Assert.Equal(created, idle with { ListLabels = created.ListLabels });
        Assert.Equal(1, lab.Served("GET /projects/:id/boards"));
        Assert.Equal(1, lab.Served("GET /projects/:id/boards/:board_id/lists"));
        Assert.Equal(2, lab.ServedTotal);
        lab.AssertCountsAgree();

        lab.ResetCounts();
        string[] reversed = [.. labels.Reverse()];
        var reordered = await lab.Client.Boards().EnsureBoardAsync(Project, "E2E board", reversed, Ct);
        Assert.Equal(reversed, reordered.ListLabels);
        Assert.Equal(reversed, board.Lists.OrderBy(l => l.Position).Select(l => l.Label.Name));
        Assert.Equal(2, lab.Served("PUT /projects/:id/boards/:board_id/lists/:list_id"));
        Assert.Equal(4, lab.ServedTotal);
        lab.AssertCountsAgree();
    }
}
