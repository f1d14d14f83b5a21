using System.Globalization;
using Sync.Core.Moving;
using Sync.Core.Moving.Planning;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving.Execution;

/// <summary>The real planner and executor together: upload placeholders never collide ("-1" is not part of "-10").</summary>
public sealed class UploadPlaceholderTests
{
    [Fact]
    public async Task Move_ElevenUploads_EachLinkGetsItsOwnNewFile()
    {
        var f = new MoveFixture(commentCount: 0);
        var numbers = Enumerable.Range(1, 11).ToList();
        string Secret(int i) => i.ToString("x32", CultureInfo.InvariantCulture);
        foreach (var i in numbers)
        {
            f.Source.Files[$"/uploads/{Secret(i)}/f{i}.png"] = [(byte)i];
        }

        var issue = f.Issue with { Body = string.Join("\n\n", numbers.Select(i => $"![f{i}](/uploads/{Secret(i)}/f{i}.png)")) };
        f.Source.Issues[(MoveFixture.Path, 12)] = issue;
        var plan = new MovePlanner().Plan(new MovePlanInput(
            issue, [], new TrackerSite(TrackerKind.GitLab, new Uri("https://dev.example/")), MoveFixture.TargetProject,
            new TrackerSite(TrackerKind.GitLab, new Uri("https://public.example/")), f.Rules, RedactionRules.Default, new Dictionary<long, string>(), []));

        var outcome = await new MoveExecutor().ExecuteAsync(plan, f.Context(), TestContext.Current.CancellationToken);

        Assert.Equal(MoveOutcomeKind.Moved, outcome.Kind);
        var copy = Assert.Single(f.Target.Issues.Values);
        Assert.Equal(11, f.Target.CallsOf("UploadFile"));
        foreach (var i in numbers)
        {
            var uploaded = Assert.Single(f.Target.Files, file => file.Value.SequenceEqual(new[] { (byte)i })).Key;
            Assert.Contains($"![f{i}]({uploaded})", copy.Body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("issuesync-upload", copy.Body, StringComparison.Ordinal);
    }
}
