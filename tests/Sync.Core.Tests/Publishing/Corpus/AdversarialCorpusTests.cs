using Sync.Core.Moving;
using Sync.Core.Moving.Planning;
using Sync.Core.Publishing;
using Sync.Core.Tests.Moving.Planning;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Publishing.Corpus;

/// <summary>
/// Hostile text from a private tracker, run through the real planner: each case's public output is exact, and every
/// string of every plan also passes the final guard (no rule matches, no live mention, no command line) and contains
/// none of the private markers (the source instance, its path, upload secrets, the test secrets).
/// </summary>
public sealed class AdversarialCorpusTests
{
    public const string Secret32 = "fedcba9876543210fedcba9876543210";
    public const string MovedGitLab = "https://gitlab.com/acme/widget/-/issues/40";
    public const string MovedGitHub = "https://github.com/acme/widget/issues/40";

    private static readonly IReadOnlyList<CorpusCase> All =
    [
        .. UploadCases.All, .. PrivatePathCases.All, .. ReferenceCases.All, .. MentionCases.All,
        .. CommandCases.All, .. HtmlCases.All, .. SecretCases.All, .. StructureCases.All, .. ForumCases.All,
    ];

    public static TheoryData<string> Names => new(All.Select(c => c.ToString()));

    [Theory]
    [MemberData(nameof(Names))]
    public void Case_BecomesExactlyItsExpectedPublicText_AndPassesTheGuard(string name)
    {
        var corpusCase = All.Single(c => c.ToString() == name);
        var input = Input(corpusCase);

        var plan = new MovePlanner().Plan(input);

        Assert.Equal(Expand(corpusCase.Expected, plan), Extract(plan, corpusCase.Field));
        var guard = new PublicTextGuard([new TextRedactor(SecretScans.For(input.Redaction), MovePlanner.ScopeOf(input), uploadPaths: false)], input.Rules.UserMap.Values);
        foreach (var (text, field) in PublicStrings(plan))
        {
            Assert.Empty(guard.Check(text, field));
            foreach (var forbidden in Forbidden(corpusCase))
            {
                Assert.DoesNotContain(forbidden, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void Corpus_HasAtLeast150Cases_InEveryClass()
    {
        Assert.True(All.Count >= 150, $"{All.Count} cases");
        Assert.Equal(All.Count, All.Select(c => c.ToString()).Distinct().Count());
        Assert.All(All.GroupBy(c => c.Class), g => Assert.True(g.Count() >= 8, $"{g.Key}: {g.Count()} cases"));
    }

    internal static MovePlanInput Input(CorpusCase c)
    {
        var github = c.Source == CorpusSource.GitHubPrivate;
        var forum = c.Source == CorpusSource.DiscourseForum;
        var issue = PlanningFixtures.Issue() with
        {
            Ref = forum
                ? new IssueRef(new ProjectRef("forum", ForumCases.Category), 7)
                : new IssueRef(new ProjectRef(github ? "ghsrc" : "dev", github ? "acme/widget-private" : PlanningFixtures.SourcePath), 7),
            Author = c.Field == CorpusField.Author ? new TrackerUser(c.Input, 0) : PlanningFixtures.Issue().Author,
            Title = c.Field == CorpusField.Title ? c.Input : "Crash on save",
            Body = c.Field == CorpusField.Body ? c.Input : "It crashes.",
            Labels = ["public", "bug"],
            Milestone = c.Field == CorpusField.Milestone ? c.Input : null,
        };
        var comments = c.Field == CorpusField.Comment ? new[] { PlanningFixtures.Comment(1, c.Input) } : [];
        var source = forum ? new TrackerSite(TrackerKind.Discourse, new Uri(ForumCases.WebRoot))
            : github ? new TrackerSite(TrackerKind.GitHub, new Uri("https://github.com/"))
            : new TrackerSite(TrackerKind.GitLab, new Uri(PlanningFixtures.SourceWebRoot));
        var target = new TrackerSite(c.Target, new Uri(c.Target == TrackerKind.GitLab ? PlanningFixtures.GitLabTargetRoot : PlanningFixtures.GitHubTargetRoot));
        var users = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["alice"] = "alice-public" };
        MoveRules rules = forum ? new Sync.Core.Forums.ForumRules { UserMap = users } : new MoveRules { UserMap = users };
        var description = c.Field == CorpusField.LabelDescription ? c.Input : "Something is broken";
        return new MovePlanInput(
            issue,
            comments,
            source,
            new ProjectRef("public", "acme/widget"),
            target,
            rules,
            new RedactionRules([@"ACME-\d{6}"], ["intra.acme.net"]) { PublicPaths = ["acme/sdk"] },
            new Dictionary<long, string> { [12] = c.Target == TrackerKind.GitLab ? MovedGitLab : MovedGitHub },
            [new TrackerLabel("bug", "#d9534f", description)]);
    }

    private static string? Extract(MovePlan plan, CorpusField field) => field switch
    {
        CorpusField.Body => Inner(plan.Body),
        CorpusField.Comment => plan.Comments.Count == 0 ? null : Inner(plan.Comments[0].Body),
        CorpusField.Title => plan.Title,
        CorpusField.LabelDescription => plan.Labels.Single(l => l.Name == "bug").Description,
        CorpusField.Author => AuthorOf(plan.Body),
        _ => plan.Milestone?.Title,
    };

    /// <summary>The name the attribution header gives the author: between "opened by **" and "** on".</summary>
    private static string AuthorOf(string composed)
    {
        var header = composed.Split('\n')[0];
        var start = header.IndexOf("opened by **", StringComparison.Ordinal) + "opened by **".Length;
        return header[start..header.LastIndexOf("** on ", StringComparison.Ordinal)];
    }

    /// <summary>The copied text between the attribution header and the hidden marker.</summary>
    private static string Inner(string composed)
    {
        var lines = composed.Split("\n\n");
        return string.Join("\n\n", lines[1..^1]);
    }

    private static string? Expand(string? expected, MovePlan plan)
    {
        if (expected is null)
        {
            return null;
        }

        for (var i = 0; i < plan.Uploads.Count; i++)
        {
            expected = expected.Replace($"{{u{i + 1}}}", plan.Uploads[i].Token, StringComparison.Ordinal);
        }

        return expected;
    }

    private static IEnumerable<(string Text, PublicField Field)> PublicStrings(MovePlan plan)
    {
        yield return (plan.Title, PublicField.Title);
        yield return (plan.Body, PublicField.Body);
        foreach (var comment in plan.Comments)
        {
            yield return (comment.Body, PublicField.Comment);
        }

        foreach (var label in plan.Labels)
        {
            yield return (label.Name, PublicField.Label);
            yield return (label.Description ?? string.Empty, PublicField.LabelDescription);
        }

        yield return (plan.Milestone?.Title ?? string.Empty, PublicField.Milestone);
        foreach (var upload in plan.Uploads)
        {
            yield return (upload.FileName, PublicField.FileName);
        }
    }

    private static IEnumerable<string> Forbidden(CorpusCase c)
    {
        yield return Secret32;
        yield return "intra.acme.net";
        yield return "ACME-123456";
        foreach (var secret in TestSecrets.All)
        {
            yield return secret;
        }

        if (c.Source == CorpusSource.DiscourseForum)
        {
            yield return "forum.acme.example";
        }
        else if (c.Source == CorpusSource.DevGitLab)
        {
            yield return "dev.example";
            yield return "acme/widget-dev";
        }
        else
        {
            yield return "acme/widget-private";
            yield return "acme/secret-ops";
        }
    }
}
