using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Tests.Moving;

namespace Sync.Worker.Tests.Trackers;

/// <summary>
/// Any write whose text the tracker would refuse (a RICE comment, a roadmap body, a notice: not only a move, which splits)
/// fails before a request is sent, with one line naming what was written and its size, instead of a raw 422 or 400.
/// </summary>
public sealed class BodyLimitGuardTests(LostAnswerTests.SandboxFixture fixture) : IClassFixture<LostAnswerTests.SandboxFixture>
{
    public static TheoryData<string, string, int> Writes => new()
    {
        { "github", "comment", 65_537 },
        { "github", "issue", 65_537 },
        { "github", "edit", 65_537 },
        { "gitlab", "comment", 1_000_001 },
        { "gitlab", "issue", 1_048_577 },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_LongerThanTheTrackerStores_FailsWithOneClearLine_AndSendsNothing(string tracker, string write, int length)
    {
        var ct = TestContext.Current.CancellationToken;
        var sandbox = fixture.Sandbox;
        var instance = tracker == "github" ? sandbox.GitHub : sandbox.GitLab;
        var path = $"acme/guard-{tracker}-{write}";
        instance.CreateProject(path, isPrivate: false);
        var issue = instance.AddIssue(path, "Roadmap", "short");
        await using var services = LostAnswerTests.Services(sandbox, instance);
        var client = services.GetRequiredService<ITrackerRegistry>().Get("pub");
        var text = new string('r', length);
        var mark = sandbox.Requests.Mark();

        var refused = await Assert.ThrowsAsync<TrackerBodyTooLongException>(() => write switch
        {
            "comment" => client.CreateCommentAsync(path, issue.Number, text, isInternal: false, ct),
            "issue" => client.CreateIssueAsync(path, new NewIssue("Roadmap", text, [], null), ct),
            _ => client.EditIssueAsync(path, issue.Number, new IssueEdit(Body: text), ct),
        });

        Assert.DoesNotContain(sandbox.Requests.Since(mark), r => r.Path.Contains(path, StringComparison.Ordinal) || r.Path.Contains(Uri.EscapeDataString(path), StringComparison.Ordinal));
        Assert.Contains(path, refused.Message, StringComparison.Ordinal);
        Assert.Contains(length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.Equal(length, refused.Length);
    }

    [Fact]
    public async Task Write_AtTheLimit_IsSentAndStored()
    {
        var ct = TestContext.Current.CancellationToken;
        var sandbox = fixture.Sandbox;
        sandbox.GitHub.CreateProject("acme/guard-at-limit", isPrivate: false);
        var issue = sandbox.GitHub.AddIssue("acme/guard-at-limit", "Roadmap", "short");
        await using var services = LostAnswerTests.Services(sandbox, sandbox.GitHub);
        var client = services.GetRequiredService<ITrackerRegistry>().Get("pub");

        var comment = await client.CreateCommentAsync("acme/guard-at-limit", issue.Number, new string('r', 65_536), isInternal: false, ct);

        Assert.Equal(65_536, sandbox.GitHub.Notes("acme/guard-at-limit", issue.Number).Single(n => n.Id == comment.Id).Body.Length);
    }
}
