using System.Text.RegularExpressions;
using Sync.Core.Moving;
using Sync.Core.Moving.Planning;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving.Planning;

/// <summary>
/// Things that must never reach the public tracker, each checked over everything the plan writes publicly.
/// The hidden markers are included: they carry an opaque key, never the private path.
/// </summary>
public sealed partial class SensitiveCorpusTests
{
    private const string UploadSecret = "fedcba9876543210fedcba9876543210";
    private const string Glpat = "glpat-Zq8xR2vN5mK1pL7sT4wY";
    private const string Ghp = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    private const string GithubPat = "github_pat_11AAAAAAA0abcdefghijklm_nopqrstuvwxyz0123456789";

    /// <param name="Forbidden">Regular expressions none of which may match any public text.</param>
    /// <param name="Ineligible">The issue must also fail the eligibility check with default rules.</param>
    private sealed record SensitiveCase(MovePlanInput Input, string[] Forbidden, bool Ineligible = false);

    private static readonly Dictionary<string, SensitiveCase> Cases = new()
    {
        ["gitlab token in title"] = Title(title: $"Login fails with {Glpat}", forbidden: Glpat),
        ["gitlab routable token with dots"] = Body("use glpat-Zq8xR2vN5mK1pL7sT4wYabc.01.0w1x2y3z4 now", "Zq8xR2vN5mK1pL7sT4wY", "0w1x2y3z4"),
        ["gitlab deploy token in comment"] = Comments(["deploy with gldt-AbCdEfGhIjKlMnOpQrStUv"], "AbCdEfGhIjKlMnOpQrStUv"),
        ["github classic token in body"] = Body($"export GH_TOKEN={Ghp}", Ghp),
        ["github fine-grained token in comment"] = Comments([$"try {GithubPat}"], GithubPat),
        ["github token in body and comment"] = Case(PlanningFixtures.Issue(body: Ghp), [PlanningFixtures.Comment(1, $"again: {Ghp}")], forbidden: [Ghp]),
        // gitleaks allowlists AWS's documented example key (AKIAIOSFODNN7EXAMPLE): a key of the same shape that is not it.
        ["aws access key id"] = Body("aws_access_key_id = AKIAZ5Q2KX7PLM3NRT4W", "AKIAZ5Q2KX7PLM3NRT4W"),
        ["aws temporary key id in title"] = Title(title: "ASIAY34FZKBOKMUTVV7A leaked", forbidden: "ASIAY34FZKBOKMUTVV7A"),
        ["multi-line pem private key in comment"] = Comments(
            ["key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nQyNTUxOQAAACBzZWNyZXQ=\n-----END OPENSSH PRIVATE KEY-----\nthanks"],
            "b3BlbnNzaC1rZXktdjEAAAAA", "QyNTUxOQAAACBzZWNyZXQ=", "PRIVATE KEY"),
        ["unterminated pem private key"] = Body("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"),
        ["secret inside fenced code block"] = Body($"```sh\ncurl -H 'PRIVATE-TOKEN: {Glpat}' https://gitlab.com\n```", Glpat),
        ["secret inside inline code"] = Body($"run `git clone https://x:{Ghp}@github.com/a/b`", Ghp),
        ["configured custom pattern"] = Comments(["customer ticket ACME-204981 applies"], @"ACME-\d{6}"),
        ["internal host url"] = Body("logs at https://grafana.intra.acme.net/d/abc?from=now-1h", "grafana", "intra"),
        ["internal host url with credentials and port"] = Body("http://svc:hunter2@ci.intra.acme.net:8443/job/7", "hunter2", "8443", "intra"),
        ["bare internal host in comment"] = Comments(["ssh to build01.intra.acme.net and check"], "build01", "intra"),
        ["internal host in markdown link"] = Body("[runbook](https://wiki.intra.acme.net/runbooks/db)", "runbooks", "intra"),
        ["internal host url in title"] = Title(title: "Broken on https://intra.acme.net/x", forbidden: "intra"),
        ["private source url without link to source"] = Body("see http://dev.example/acme/widget-dev/-/merge_requests/3", "merge_requests", "dev\\.example"),
        ["private source url over https"] = Body("see https://dev.example/acme/widget-dev/-/blob/main/secret.yml", "secret\\.yml"),
        ["private source url in code block"] = Body("```\nhttp://dev.example/acme/widget-dev/-/issues/13\n```", "dev\\.example"),
        ["source project path"] = Body("clone acme/widget-dev and build", "acme/widget-dev"),
        ["internal note text"] = Case(PlanningFixtures.Issue(), [PlanningFixtures.Comment(1, "customer BigBank is affected", isInternal: true)], forbidden: ["BigBank"]),
        ["system note text"] = Case(PlanningFixtures.Issue(), [PlanningFixtures.Comment(1, "changed the description to internal codename Falcon", system: true)], forbidden: ["Falcon"]),
        ["mention of a private user"] = Body("cc @mallory.private for review", "(?<!`)@mallory"),
        ["mention of a private group"] = Comments(["cc @acme/security-team"], "(?<!`)@acme/security"),
        ["upload link for a github target"] = Case(
            PlanningFixtures.Issue(body: $"![crash](/uploads/{UploadSecret}/crash.png)"),
            [PlanningFixtures.Comment(1, $"full {PlanningFixtures.SourceWebUrl}/uploads/{UploadSecret}/dump.txt")],
            target: TrackerKind.GitHub,
            forbidden: [UploadSecret, "/uploads/"]),
        ["reference to an unmoved private issue"] = Body(
            "blocked by #13, acme/widget-dev#14 and http://dev.example/acme/widget-dev/-/issues/15#note_9",
            @"(?<![\w&])#1[345]\b", "dev\\.example", "note_9"),
        ["unmoved reference in a markdown link"] = Body("[see here](http://dev.example/acme/widget-dev/-/issues/13)", "dev\\.example", @"\]\("),
        ["internal host in label and milestone"] = Case(
            PlanningFixtures.Issue() with { Labels = ["public", "intra.acme.net"], Milestone = "ACME-123456 rollout" },
            [],
            forbidden: ["intra", "ACME-123456"]),
        ["confidential issue"] = Case(PlanningFixtures.Issue() with { Confidential = true }, [], forbidden: [], ineligible: true),
        ["issue with exclude label"] = Case(PlanningFixtures.Issue() with { Labels = ["public", "security"] }, [], forbidden: [], ineligible: true),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Plan_SensitiveInput_NothingSensitiveReachesPublicText(string name)
    {
        var sensitive = Cases[name];

        var plan = new MovePlanner().Plan(sensitive.Input);

        // Always private with default rules: the source host and path, the internal host, upload secrets.
        string[] always = ["dev\\.example", "acme/widget-dev", "intra\\.acme\\.net", UploadSecret];
        foreach (var text in PublicTexts(plan))
        {
            foreach (var pattern in sensitive.Forbidden.Concat(always))
            {
                Assert.False(Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase), $"'{pattern}' found in: {text}");
            }
        }

        Assert.All(plan.Redactions, r => Assert.DoesNotMatch(string.Join('|', sensitive.Forbidden.DefaultIfEmpty("^$")), $"{r.Where} {r.Rule}"));
        if (sensitive.Input.TargetKind == TrackerKind.GitHub)
        {
            Assert.Empty(plan.Uploads);
        }

        if (sensitive.Ineligible)
        {
            Assert.False(new MoveRules { ExcludeLabels = ["security"] }.IsEligible(sensitive.Input.Source, PlanningFixtures.Created.AddDays(2), out _));
        }
    }

    [Fact]
    public void Corpus_HasAtLeastTwentyCases()
    {
        Assert.True(Cases.Count >= 20);
    }

    private static IEnumerable<string> PublicTexts(MovePlan plan)
    {
        yield return plan.Title;
        yield return plan.Body;
        foreach (var comment in plan.Comments)
        {
            yield return comment.Body;
        }

        foreach (var label in plan.Labels)
        {
            yield return $"{label.Name} {label.Description}";
        }

        yield return plan.Milestone?.Title ?? string.Empty;
        yield return plan.SourceNotice;
        foreach (var upload in plan.Uploads)
        {
            // The source URL goes to the executor only; the file name and token are written publicly.
            yield return $"{upload.FileName} {upload.Token}";
        }
    }

    private static SensitiveCase Body(string body, params string[] forbidden) => Case(PlanningFixtures.Issue(body: body), [], forbidden: forbidden);

    private static SensitiveCase Title(string title, string forbidden) =>
        Case(PlanningFixtures.Issue(title: title), [], forbidden: [forbidden]);

    private static SensitiveCase Comments(string[] bodies, params string[] forbidden) =>
        Case(PlanningFixtures.Issue(), bodies.Select((b, i) => PlanningFixtures.Comment(i + 1, b)).ToList(), forbidden: forbidden);

    private static SensitiveCase Case(
        TrackerIssue issue,
        IReadOnlyList<TrackerComment> comments,
        string[] forbidden,
        TrackerKind target = TrackerKind.GitLab,
        bool ineligible = false) =>
        new(PlanningFixtures.Input(issue: issue, comments: comments, target: target), forbidden, ineligible);
}
