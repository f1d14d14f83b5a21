using System.Text;
using Sync.Core.Moving;
using Sync.Core.Publishing;
using Sync.Core.Moving.Planning;
using Sync.Core.Tests.Publishing.Markdown;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving.Planning;

public sealed class ContinuationPlanTests
{
    private const string Header = "> Moved from the development tracker · originally opened by **alice** on 2026-01-31";

    private static readonly MovePlanner Planner = new();

    [Fact]
    public void Plan_GitHubBodyOfExactly65536Characters_StaysOneBody()
    {
        var text = TextFor(BodyLimits.GitHub.IssueBody);

        var plan = Planner.Plan(PlanningFixtures.Input(PlanningFixtures.Issue(body: text), target: TrackerKind.GitHub));

        Assert.Equal(65_536, plan.Body.Length);
        Assert.Empty(plan.Comments);
    }

    [Fact]
    public void Plan_HostileLongBody_EveryPartPassesTheFinalPublicTextCheck()
    {
        // Mid-line commands and mentions of a hostile dev issue, long enough to be cut in many places after a space.
        var text = string.Concat(Enumerable.Repeat("please /close this and /label ~secret then /move other/repo now ", 3_000));
        var guard = new PublicTextGuard([], []);

        var plan = Planner.Plan(PlanningFixtures.Input(PlanningFixtures.Issue(body: text), target: TrackerKind.GitHub));

        Assert.True(plan.Comments.Count >= 2);
        Assert.Empty(guard.Check(plan.Body, PublicField.Body));
        Assert.All(plan.Comments, c => Assert.Empty(guard.Check(c.Body, PublicField.Comment)));
    }

    [Fact]
    public void Plan_GitHubBodyOf65537Characters_ContinuesInAMarkedComment()
    {
        var text = TextFor(BodyLimits.GitHub.IssueBody + 1);

        var plan = Planner.Plan(PlanningFixtures.Input(PlanningFixtures.Issue(body: text), target: TrackerKind.GitHub));

        var continuation = Assert.Single(plan.Comments);
        Assert.True(plan.Body.Length <= 65_536);
        Assert.True(continuation.Body.Length <= 65_536);
        Assert.Equal(plan.MarkerKey, MoveMarkers.ReadIssue(plan.Body));
        Assert.Contains(Continuations.ContinuesBelow(1, 2), plan.Body, StringComparison.Ordinal);
        Assert.StartsWith(Continuations.ContinuedFromAbove(2, 2), continuation.Body, StringComparison.Ordinal);
        Assert.Equal(new ContinuedPart(MoveMarkers.OfBody, 2), continuation.Part);
        Assert.Equal((plan.MarkerKey, MoveMarkers.OfBody, 2), MoveMarkers.ReadContinued(continuation.Body));
        Assert.Null(MoveMarkers.ReadComment(continuation.Body));
        Assert.Null(MoveMarkers.ReadIssue(continuation.Body));
        Assert.Equal(text, Unwrap([plan.Body, continuation.Body]));
    }

    [Fact]
    public void Plan_LongBodyAndComment_EveryPartFitsAndCarriesItsMarker_TextArrivesInOrder()
    {
        var body = TextFor(200_000);
        var comment = "Emoji 😀 and CJK 日本 " + TextFor(70_000);

        var plan = Planner.Plan(PlanningFixtures.Input(
            PlanningFixtures.Issue(body: body), [PlanningFixtures.Comment(55, comment)], target: TrackerKind.GitHub));

        Assert.All(plan.Comments.Append(new PlannedComment(0, plan.Body)), c =>
        {
            Assert.True(c.Body.Length <= 65_536, $"{c.Body.Length} units");
            Assert.True(Encoding.UTF8.GetByteCount(c.Body) <= 262_144);
        });
        var bodyParts = plan.Comments.Where(c => c.Part?.Of == MoveMarkers.OfBody).ToList();
        var commentParts = plan.Comments.Where(c => c.SourceCommentId == 55).ToList();
        Assert.Equal(plan.Comments.Count, bodyParts.Count + commentParts.Count);
        Assert.Equal(bodyParts, plan.Comments.Take(bodyParts.Count)); // the description's parts come first
        Assert.Equal(4, bodyParts.Count + 1);
        Assert.Equal(2, commentParts.Count);
        Assert.Null(commentParts[0].Part);
        Assert.Equal((plan.MarkerKey, 55L), MoveMarkers.ReadComment(commentParts[0].Body));
        Assert.Equal((plan.MarkerKey, "55", 2), MoveMarkers.ReadContinued(commentParts[1].Body));
        Assert.Equal(body, Unwrap([plan.Body, .. bodyParts.Select(c => c.Body)]));
        Assert.Equal(comment, Unwrap([.. commentParts.Select(c => c.Body)]));
    }

    [Fact]
    public void Plan_GitLabTarget_SplitsOnlyPast1048576()
    {
        var fits = Planner.Plan(PlanningFixtures.Input(PlanningFixtures.Issue(body: TextFor(1_000_000))));
        var over = Planner.Plan(PlanningFixtures.Input(PlanningFixtures.Issue(body: TextFor(1_100_000))));

        Assert.Empty(fits.Comments);
        Assert.Equal(2, over.Comments.Count + 1);
        Assert.True(over.Body.Length <= 1_048_576);
        Assert.True(over.Comments[0].Body.Length <= 1_000_000);
    }

    /// <summary>A text of paragraphs that, with the header and the issue marker, makes a body of <paramref name="bodyLength"/>.</summary>
    private static string TextFor(int bodyLength)
    {
        var overhead = $"{Header}\n\n\n\n{MoveMarkers.Issue("dev-1007")}".Length;
        return MarkdownSplitterTests.Paragraphs(bodyLength - overhead).TrimEnd('\n') is var text && text.Length == bodyLength - overhead
            ? text
            : text + new string('w', bodyLength - overhead - text.Length);
    }

    /// <summary>The copied text of consecutive parts: each part without its header or notices and its marker.</summary>
    internal static string Unwrap(IReadOnlyList<string> parts)
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
}
