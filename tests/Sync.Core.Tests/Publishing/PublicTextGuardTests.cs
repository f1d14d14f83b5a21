using Microsoft.Extensions.Time.Testing;
using Sync.Core.Moving;
using Sync.Core.Products;
using Sync.Core.Publishing;
using Sync.Core.Tests.Moving.Execution;
using Sync.Core.Tests.Publishing.Corpus;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Publishing;

/// <summary>The final check: whatever a step composes, a public write that still breaks a rule is refused, never sent.</summary>
public sealed class PublicTextGuardTests
{
    private static readonly PublicTextGuard Guard = new([PublicTextFixture.Redactor()], ["alice-public"]);

    [Theory]
    [InlineData("plain words", PublicField.Body)]
    [InlineData("thanks @alice-public and `@bob`", PublicField.Comment)]
    [InlineData("see https://gitlab.com/acme/widget/-/issues/3", PublicField.Body)]
    [InlineData("    /close in indented code", PublicField.Body)]
    [InlineData("\\/close escaped", PublicField.Body)]
    [InlineData("[REDACTED] and [internal link removed]", PublicField.Title)]
    [InlineData("/close as a title", PublicField.Title)]
    public void Check_CleanText_Passes(string text, PublicField field) => Assert.Empty(Guard.Check(text, field));

    [Theory]
    [InlineData("a live @bob", PublicField.Body, "body: mention")]
    [InlineData("a live &#64;bob", PublicField.Comment, "comment: mention")]
    [InlineData("Ask @bob", PublicField.Title, "title: mention")]
    [InlineData("/close", PublicField.Comment, "comment: quick-action")]
    [InlineData("  /label ~x", PublicField.Body, "body: quick-action")]
    [InlineData("logs on build.intra.acme.net", PublicField.LabelDescription, "label description: internal-host")]
    [InlineData("see http://dev.example/acme/widget-dev/-/issues/3", PublicField.Body, "body: private-url")]
    [InlineData("ACME-123456", PublicField.Milestone, "milestone: custom-pattern")]
    public void Check_TextThatStillBreaksARule_NamesTheFieldAndRule(string text, PublicField field, string expected) =>
        Assert.Contains(expected, Guard.Check(text, field));

    [Fact]
    public void Check_Secret_IsNamedByItsRuleAndNeverQuoted()
    {
        var broken = Guard.Check($"token {TestSecrets.Ghp}", PublicField.Body);

        Assert.Equal(["body: github-pat"], broken);
        var refused = Assert.Throws<PublicWriteRefusedException>(() => Guard.Ensure("pub:acme/widget", ($"token {TestSecrets.Ghp}", PublicField.Body)));
        Assert.DoesNotContain(TestSecrets.Ghp, refused.Message, StringComparison.Ordinal);
        Assert.Equal("refused to write to public project pub:acme/widget: body: github-pat still matched after redaction", refused.Message);
    }

    [Fact]
    public async Task GuardedClient_RefusedWrite_IsNeverSent_ReadsAndOtherProjectsPassThrough()
    {
        var time = new FakeTimeProvider();
        var tracker = new FakeTracker("pub", TrackerKind.GitLab, time);
        tracker.AddIssue("acme/widget", 1, "ok", "ok", []);
        tracker.AddIssue("acme/private-dev", 1, "ok", "ok", []);
        var guarded = new GuardedTrackerClient(tracker, new Dictionary<string, PublicTextGuard>(StringComparer.OrdinalIgnoreCase) { ["acme/widget"] = Guard });
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<PublicWriteRefusedException>(() => guarded.CreateIssueAsync("acme/widget", new NewIssue("t", $"leak {TestSecrets.Glpat}"), ct));
        await Assert.ThrowsAsync<PublicWriteRefusedException>(() => guarded.CreateCommentAsync("acme/widget", 1, "cc @bob", isInternal: false, ct));
        await Assert.ThrowsAsync<PublicWriteRefusedException>(() => guarded.EditIssueAsync("acme/widget", 1, new IssueEdit(Title: "on build.intra.acme.net"), ct));
        await Assert.ThrowsAsync<PublicWriteRefusedException>(() => guarded.CreateLabelAsync("acme/widget", new TrackerLabel("x", "#000000", "see http://dev.example/acme/widget-dev"), ct));
        await Assert.ThrowsAsync<PublicWriteRefusedException>(() => guarded.ChangeLabelsAsync("acme/widget", 1, ["ACME-123456"], [], ct));
        await Assert.ThrowsAsync<PublicWriteRefusedException>(() => guarded.Get<IUploads>()!.UploadFileAsync("acme/widget", $"{TestSecrets.Glpat}.png", new MemoryStream([1]), ct));
        Assert.Equal(0, tracker.Writes);

        await guarded.GetIssueAsync("acme/widget", 1, ct);
        await guarded.CreateCommentAsync("acme/private-dev", 1, "cc @bob with ACME-123456", isInternal: false, ct);
        await guarded.CreateCommentAsync("acme/widget", 1, "fine", isInternal: false, ct);
        Assert.Equal(1, tracker.CallsOf("GetIssue"));
        Assert.Equal(2, tracker.CallsOf("CreateComment"));
    }

    [Fact]
    public async Task GuardedClient_Boards_AreChecked_AndNoCapabilityLeadsPastTheGuard()
    {
        var tracker = new BoardTracker(new FakeTracker("pub", TrackerKind.GitLab, new FakeTimeProvider()));
        var guarded = new GuardedTrackerClient(tracker, new Dictionary<string, PublicTextGuard>(StringComparer.OrdinalIgnoreCase) { ["acme/widget"] = Guard });
        var ct = TestContext.Current.CancellationToken;
        var boards = guarded.Get<IBoards>();

        Assert.NotNull(boards);
        await Assert.ThrowsAsync<PublicWriteRefusedException>(() => boards.EnsureBoardAsync("acme/widget", "Roadmap on build.intra.acme.net", ["now"], ct));
        await Assert.ThrowsAsync<PublicWriteRefusedException>(() => boards.EnsureBoardAsync("acme/widget", "Roadmap", ["now", "ACME-123456"], ct));
        Assert.Equal(0, tracker.Ensured);
        await boards.EnsureBoardAsync("acme/widget", "Roadmap", ["now"], ct);
        Assert.Equal(1, tracker.Ensured);

        // Asking for the client itself, or for a capability the guard does not know, never yields the unguarded inner client.
        Assert.Null(guarded.Get<ITrackerClient>());
        Assert.Null(guarded.Get<BoardTracker>());
        Assert.Null(guarded.Get<IDisposable>());
    }

    [Fact]
    public void Registry_GuardsEachPublicProject_FromItsProductsSources()
    {
        var time = new FakeTimeProvider();
        var dev = new FakeTracker("dev", TrackerKind.GitLab, time);
        var pub = new FakeTracker("pub", TrackerKind.GitLab, time);
        var product = new ProductDefinition("widget", ProjectRef.Parse("pub:acme/widget"), [new SourceRule(ProjectRef.Parse("dev:acme/widget-dev"))])
        {
            Redaction = new RedactionRules([], ["intra.acme.net"]),
        };

        var registry = PublicWriteGuards.Wrap(new Registry(dev, pub), [product]);

        Assert.IsType<GuardedTrackerClient>(registry.Get("pub"));
        Assert.IsType<FakeTracker>(registry.Get("dev"));
        var refused = Assert.Throws<PublicWriteRefusedException>(() =>
            registry.Get("pub").CreateIssueAsync("acme/widget", new NewIssue("t", "see https://dev.example/acme/widget-dev/-/issues/1"), TestContext.Current.CancellationToken).GetAwaiter().GetResult());
        Assert.Contains("body: internal-host", refused.Broken);
    }

    /// <summary>A GitLab-like client with label boards: every issue call goes to the fake, boards are counted.</summary>
    private sealed class BoardTracker(FakeTracker inner) : ITrackerClient, IBoards
    {
        public int Ensured { get; private set; }

        public string Name => inner.Name;

        public TrackerKind Kind => inner.Kind;

        public Uri WebRoot => inner.WebRoot;

        public Task<TrackerBoard> EnsureBoardAsync(string projectPath, string boardName, IReadOnlyList<string> listLabels, CancellationToken cancellationToken)
        {
            Ensured++;
            return Task.FromResult(new TrackerBoard(1, boardName, listLabels));
        }

        public Task<TrackerUser> GetCurrentUserAsync(CancellationToken cancellationToken) => inner.GetCurrentUserAsync(cancellationToken);

        public IAsyncEnumerable<TrackerIssue> ListIssuesAsync(string projectPath, IssueQuery query, CancellationToken cancellationToken) => inner.ListIssuesAsync(projectPath, query, cancellationToken);

        public Task<TrackerIssue> GetIssueAsync(string projectPath, long number, CancellationToken cancellationToken) => inner.GetIssueAsync(projectPath, number, cancellationToken);

        public Task<TrackerIssue> CreateIssueAsync(string projectPath, NewIssue issue, CancellationToken cancellationToken) => inner.CreateIssueAsync(projectPath, issue, cancellationToken);

        public Task<TrackerIssue> EditIssueAsync(string projectPath, long number, IssueEdit edit, CancellationToken cancellationToken) => inner.EditIssueAsync(projectPath, number, edit, cancellationToken);

        public IAsyncEnumerable<TrackerComment> ListCommentsAsync(string projectPath, long number, CancellationToken cancellationToken) => inner.ListCommentsAsync(projectPath, number, cancellationToken);

        public Task<TrackerComment> CreateCommentAsync(string projectPath, long number, string body, bool isInternal, CancellationToken cancellationToken) => inner.CreateCommentAsync(projectPath, number, body, isInternal, cancellationToken);

        public Task<TrackerComment> EditCommentAsync(string projectPath, long number, long commentId, string body, CancellationToken cancellationToken) => inner.EditCommentAsync(projectPath, number, commentId, body, cancellationToken);

        public IAsyncEnumerable<TrackerReaction> ListIssueReactionsAsync(string projectPath, long number, CancellationToken cancellationToken) => inner.ListIssueReactionsAsync(projectPath, number, cancellationToken);

        public IAsyncEnumerable<TrackerReaction> ListCommentReactionsAsync(string projectPath, long number, long commentId, CancellationToken cancellationToken) => inner.ListCommentReactionsAsync(projectPath, number, commentId, cancellationToken);

        public IAsyncEnumerable<IssueVoteSignal> ListVoteSignalsAsync(string projectPath, VoteSignalQuery query, CancellationToken cancellationToken) => inner.ListVoteSignalsAsync(projectPath, query, cancellationToken);

        public IAsyncEnumerable<TrackerLabel> ListLabelsAsync(string projectPath, CancellationToken cancellationToken) => inner.ListLabelsAsync(projectPath, cancellationToken);

        public Task<TrackerLabel> CreateLabelAsync(string projectPath, TrackerLabel label, CancellationToken cancellationToken) => inner.CreateLabelAsync(projectPath, label, cancellationToken);

        public IAsyncEnumerable<TrackerMilestone> ListMilestonesAsync(string projectPath, CancellationToken cancellationToken) => inner.ListMilestonesAsync(projectPath, cancellationToken);

        public Task<TrackerMilestone> CreateMilestoneAsync(string projectPath, TrackerMilestone milestone, CancellationToken cancellationToken) => inner.CreateMilestoneAsync(projectPath, milestone, cancellationToken);
    }

    private sealed class Registry(params ITrackerClient[] clients) : ITrackerRegistry
    {
        public IReadOnlyCollection<string> Names => [.. clients.Select(c => c.Name)];

        public ITrackerClient Get(string name) => clients.Single(c => c.Name == name);
    }
}
