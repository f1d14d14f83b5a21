using System.Globalization;
using System.Text;
using Sync.Core.Moving;
using Sync.Core.Moving.Planning;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Moving;

/// <summary>
/// A dev issue longer than GitHub stores (200,000 characters, and a 70,000-character comment) moves over real HTTP to
/// the GitHub sandbox, which refuses bodies over 65,536 characters with 422: the description and the comment continue in
/// marked comments, every character arrives in order, and a lost answer between parts writes no part twice.
/// </summary>
public sealed class LongBodyMoveTests(LostAnswerTests.SandboxFixture fixture) : IClassFixture<LostAnswerTests.SandboxFixture>
{
    private const int BodyLength = 200_000;
    private const int CommentLength = 70_000;
    private const string CommentsEndpoint = "POST /repos/:owner/:repo/issues/:number/comments";

    private static int _case;

    [Fact]
    public async Task Move_DevIssueLongerThanGitHubStores_ArrivesWholeInMarkedParts_WithExactWrites()
    {
        var run = await MoveAsync(fixture.Sandbox.GitHub, BodyLength, CommentLength, fault: null);

        Assert.True(run.Lines.Count == 0 || run.Lines.TrueForAll(l => !l.Contains("failed", StringComparison.OrdinalIgnoreCase)), string.Join(" | ", run.Lines));
        AssertArrivedWhole(run);
        // GitHub: the issue, 3 continuations of the description, the comment and its continuation; the source: notice and close.
        Assert.Equal(["POST issues", "POST comments", "POST comments", "POST comments", "POST comments", "POST comments"], run.TargetWrites);
        Assert.Equal(2, run.SourceWrites);
    }

    [Fact]
    public async Task Move_WhenTheSecondContinuationsAnswerIsLost_ResumesWithoutWritingAPartTwice()
    {
        var run = await MoveAsync(fixture.Sandbox.GitHub, BodyLength, CommentLength, new SandboxFault(SandboxFaultKind.CommitThenDrop, Endpoint: CommentsEndpoint, Skip: 1));

        Assert.True(fixture.Sandbox.Control.PendingFaults == 0, "the fault never struck");
        AssertArrivedWhole(run);
        // The dropped part was committed and found by its marker: still five comment POSTs, none repeated.
        Assert.Equal(["POST issues", "POST comments", "POST comments", "POST comments", "POST comments", "POST comments"], run.TargetWrites);
    }

    [Fact]
    public async Task Move_DescriptionLongerThanGitLabStores_ContinuesInOneNote()
    {
        var run = await MoveAsync(fixture.Sandbox.GitLab, 1_100_000, commentLength: null, fault: null);

        var dst = fixture.Sandbox.GitLab;
        var copy = Assert.Single(dst.Issues(run.Target), i => i.Description?.Contains("issuesync:moved-from", StringComparison.Ordinal) == true);
        var note = Assert.Single(dst.Notes(run.Target, copy.Number), n => !n.System).Body;
        Assert.True(copy.Description!.Length <= 1_048_576);
        Assert.True(note.Length <= 1_000_000);
        Assert.Equal((MoveMarkers.OfBody, 2), MoveMarkers.ReadContinued(note) is { } m ? (m.Of, m.Part) : default);
        Assert.Equal(run.Body, Unwrap([copy.Description, note]));
        Assert.Equal(["POST issues", "POST notes"], run.TargetWrites);
        Assert.Equal(2, run.SourceWrites);
    }

    private void AssertArrivedWhole(MoveRun run)
    {
        var dst = fixture.Sandbox.GitHub;
        var copy = Assert.Single(dst.Issues(run.Target), i => i.Description?.Contains("issuesync:moved-from", StringComparison.Ordinal) == true);
        var comments = dst.Notes(run.Target, copy.Number).OrderBy(n => n.Id).Select(n => n.Body).ToList();
        Assert.True(copy.Description!.Length <= 65_536);
        Assert.All(comments, c => Assert.True(c.Length <= 65_536, $"{c.Length} characters"));
        Assert.Equal(5, comments.Count);

        var bodyParts = comments.Where(c => MoveMarkers.ReadContinued(c) is { Of: MoveMarkers.OfBody }).ToList();
        var commentParts = comments.Except(bodyParts).ToList();
        Assert.Equal(3, bodyParts.Count);
        Assert.Equal([2, 3, 4], bodyParts.Select(c => MoveMarkers.ReadContinued(c)!.Value.Part));
        Assert.Equal(comments.Take(3), bodyParts); // the description reads on before the first copied comment
        Assert.Equal(run.Body, Unwrap([copy.Description, .. bodyParts]));
        Assert.Equal(run.Comment, Unwrap(commentParts));
        Assert.Contains(Continuations.ContinuesBelow(1, 4), copy.Description, StringComparison.Ordinal);
        Assert.Contains(Continuations.ContinuesBelow(1, 2), commentParts[0], StringComparison.Ordinal);
    }

    private async Task<MoveRun> MoveAsync(SandboxInstance dst, int bodyLength, int? commentLength, SandboxFault? fault)
    {
        var ct = TestContext.Current.CancellationToken;
        var sandbox = fixture.Sandbox;
        var n = Interlocked.Increment(ref _case);
        var srcPath = $"acme/long-src-{n}";
        var dstPath = $"acme/long-dst-{n}";
        sandbox.GitLabDev.CreateProject(srcPath, isPrivate: true);
        dst.CreateProject(dstPath, isPrivate: false);
        var body = Text(bodyLength, "description");
        var comment = commentLength is { } length ? Text(length, "comment") : string.Empty;
        var issue = sandbox.GitLabDev.AddIssue(srcPath, "A very long report", body, ["public"], "bob.chen");
        if (comment.Length > 0)
        {
            sandbox.GitLabDev.AddNote(srcPath, issue.Number, comment, "dev.patel");
        }

        if (fault is not null)
        {
            sandbox.Control.InjectFault("github", fault with { PathContains = dstPath });
        }

        await using var services = LostAnswerTests.Services(sandbox, dst);
        var ledger = new SqliteStateStore(InProcessApp.TempPath("state.db"));
        await ledger.MigrateAsync(ct);
        var product = new ProductDefinition("long", new ProjectRef("pub", dstPath), [new SourceRule(new ProjectRef("dev", srcPath)) { Rules = new MoveRules { RetryAfter = TimeSpan.Zero } }]);
        var step = new MoveStep(
            services.GetRequiredService<ITrackerRegistry>(), ledger, ledger, new MovePlanner(), TimeProvider.System);

        var mark = sandbox.Requests.Mark();
        var first = await step.RunAsync(new PipelineContext(product, false, new WriteJournal()), ct);
        var second = await step.RunAsync(new PipelineContext(product, false, new WriteJournal()), ct);

        var writes = sandbox.Requests.Since(mark);
        var dstName = dst == sandbox.GitHub ? "github" : "gitlab";
        var targetWrites = writes.Where(r => r.Instance == dstName && (r.Path.Contains(dstPath, StringComparison.Ordinal) || r.Path.Contains(Uri.EscapeDataString(dstPath), StringComparison.Ordinal)))
            .Select(r => $"{r.Method} {r.Path[(r.Path.LastIndexOf('/') + 1)..]}").ToList();
        var sourceWrites = writes.Count(r => r.Instance == "gitlab-dev" && r.Path.Contains(Uri.EscapeDataString(srcPath), StringComparison.Ordinal));
        return new MoveRun(dstPath, body, comment, [.. first.Lines, .. second.Lines], targetWrites, sourceWrites);
    }

    /// <summary>Paragraphs of numbered lines that no rewrite touches, to exactly <paramref name="length"/> characters.</summary>
    private static string Text(int length, string what)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Line {i:D6} of the {what}, with emoji 😀 and CJK 日本語.").Append(i % 5 == 4 ? "\n\n" : "\n");
        }

        var result = text.ToString(0, length).TrimEnd();
        return char.IsHighSurrogate(result[^1]) ? result[..^1] : result;
    }

    /// <summary>The copied text of consecutive parts: each without its first block (header or notice), "continued" line and marker.</summary>
    private static string Unwrap(List<string> parts)
    {
        var text = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var start = part.IndexOf("\n\n", StringComparison.Ordinal) + 2;
            var end = part.LastIndexOf("\n\n", StringComparison.Ordinal);
            if (i < parts.Count - 1)
            {
                end = part.LastIndexOf("\n\n", end - 1, StringComparison.Ordinal);
            }

            text.Append(part, start, end - start);
        }

        return text.ToString();
    }

    private sealed record MoveRun(string Target, string Body, string Comment, List<string> Lines, List<string> TargetWrites, int SourceWrites);
}
