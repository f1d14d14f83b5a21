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

    private sealed class Registry(params ITrackerClient[] clients) : ITrackerRegistry
    {
        public IReadOnlyCollection<string> Names => [.. clients.Select(c => c.Name)];

        public ITrackerClient Get(string name) => clients.Single(c => c.Name == name);
    }
}
