using Sync.Core.Storage;
using Sync.Sandbox;
using Sync.Sandbox.Model;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Moving;

/// <summary>
/// The four directions end to end: the real worker (<c>--once</c>) against the sandbox trackers over loopback, with
/// comments, labels, mention and reference rewriting, uploads and redaction — and a rerun that writes nothing.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class MoveEndToEndTests
{
    private const string GhpToken = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    private const string GlpatToken = "glpat-Zq8xR2vN5mK1pL7sT4wY";

    public static TheoryData<string, string, string> Directions => new()
    {
        { "GitLab to GitHub", "dev:acme/e2e-src", "github:acme/e2e-dst" },
        { "GitLab to GitLab on another instance", "dev:acme/e2e-src", "gitlab:acme/e2e-dst" },
        { "GitHub to GitLab", "github:acme/e2e-src", "gitlab:acme/e2e-dst" },
        { "private GitHub to public GitHub", "github:acme/e2e-src", "github:acme/e2e-dst" },
    };

    [Theory]
    [MemberData(nameof(Directions))]
    public async Task Move_EndToEnd_MovesOnceTransformsAndLeaksNothing(string direction, string source, string target)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, EnforceRateLimits = false }, ct);
        var src = Instance(sandbox, source);
        var dst = Instance(sandbox, target);
        src.CreateProject(PathOf(source), isPrivate: true);
        dst.CreateProject(PathOf(target), isPrivate: false);
        var seeded = Seed(src, PathOf(source), withUpload: src.Kind == "GitLab");
        var statePath = InProcessApp.TempPath("state.db");
        string[] args =
        [
            "--once",
            .. Tracker("dev", sandbox.GitLabDev), .. Tracker("gitlab", sandbox.GitLab), .. Tracker("github", sandbox.GitHub),
            $"--IssueSync:Products:e2e:Public={target}",
            $"--IssueSync:Products:e2e:Sources:0:Project={source}",
            "--IssueSync:Products:e2e:Sources:0:LabelMap:bug=type::bug",
            "--IssueSync:Products:e2e:Sources:0:ExcludeLabels:0=security",
            "--IssueSync:Products:e2e:Sources:0:CreateMilestones=true",
            "--IssueSync:Products:e2e:Redaction:InternalHosts:0=corp.internal",
            @"--IssueSync:Products:e2e:Redaction:Patterns:0=ACME-\d{6}",
            $"--IssueSync:Storage:SqlitePath={statePath}",
        ];

        // A dry run first: every write it would make, with the transformed text, and nothing written.
        var writesBeforeDryRun = Writes(sandbox.Stats.Snapshot());
        var dryRun = await InProcessApp.RunAsync([.. args, "--dry-run"]);
        Assert.True(dryRun.ExitCode == 0, $"{direction}: {dryRun.Output}{dryRun.Error}");
        Assert.Equal(writesBeforeDryRun, Writes(sandbox.Stats.Snapshot()));
        Assert.Contains($"    create {target}:", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("      | Export fails with token [REDACTED]", dryRun.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(GhpToken, dryRun.Output, StringComparison.Ordinal);

        var first = await InProcessApp.RunAsync(args);
        Assert.True(first.ExitCode == 0, $"{direction}: {first.Output}{first.Error}");

        var moved = dst.Issues(PathOf(target)).Where(i => i.Description?.Contains("issuesync:moved-from", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(2, moved.Count); // A and B; C is not labelled public, D is confidential
        var a = Assert.Single(moved, i => i.Title.StartsWith("Export fails", StringComparison.Ordinal));
        var everything = string.Join("\n", moved.SelectMany(i => new[] { i.Title, i.Description ?? string.Empty }.Concat(i.Notes.Select(n => n.Body)).Concat(i.Labels)));

        // Redaction, mentions, references, attribution.
        foreach (var secret in new[] { GhpToken, GlpatToken, "ACME-123456", "corp.internal", "e2e-src", "internal only", "changed the description" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        Assert.Contains("[REDACTED]", a.Title, StringComparison.Ordinal);
        Assert.Contains("`@alice.martin`", a.Description, StringComparison.Ordinal);
        Assert.Contains($"dev issue {seeded.C}", a.Description, StringComparison.Ordinal);
        Assert.Contains("originally opened by **bob.chen**", a.Description, StringComparison.Ordinal);
        Assert.Contains("type::bug", a.Labels);
        Assert.DoesNotContain("public", a.Labels);

        // The milestone is created with its due date (read from the issue, no extra request), never its private description.
        var milestone = Assert.Single(dst.Project(PathOf(target)).Milestones, m => m.Title == "v3.1");
        Assert.Equal(new DateOnly(2026, 12, 24), milestone.DueDate);
        Assert.True(string.IsNullOrEmpty(milestone.Description), milestone.Description);
        Assert.Equal("v3.1", Assert.Single(moved, i => i.Title == "Dark mode").Milestone?.Title);

        // Comments in order, each once, without the internal and system notes.
        var comments = a.Notes.Where(n => !n.System).Select(n => n.Body).ToList();
        Assert.Equal(2, comments.Count);
        Assert.Contains("Confirmed on 2.3", comments[0], StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", comments[1], StringComparison.Ordinal);

        // Uploads: re-uploaded to a GitLab target, a placeholder on GitHub.
        if (seeded.Upload is { } upload)
        {
            Assert.DoesNotContain(upload.Secret, a.Description, StringComparison.Ordinal);
            if (dst.Kind == "GitLab")
            {
                var copy = Assert.Single(dst.Project(PathOf(target)).Uploads);
                Assert.Equal(upload.Content, copy.Content);
                Assert.Contains($"/uploads/{copy.Secret}/shot.png", a.Description, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("attachment not copied: shot.png", a.Description, StringComparison.Ordinal);
            }
        }

        // The source is closed once, with a link to the public issue.
        // Every write is in the audit log (redactions too), and no secret is.
        var audit = await new SqliteStateStore(statePath).ListAuditAsync("e2e", 500, ct);
        Assert.Equal(3, audit.Count(e => e.Action == AuditActions.Create && e.Target == target)); // A, B and the milestone v3.1
        Assert.Equal(2, audit.Count(e => e.Action == AuditActions.Close));
        Assert.Contains(audit, e => e.Action == AuditActions.Redaction);
        Assert.DoesNotContain(audit, e => e.Detail.Contains(GhpToken, StringComparison.Ordinal) || e.Detail.Contains(GlpatToken, StringComparison.Ordinal));

        var sourceA = src.Issue(PathOf(source), seeded.A);
        Assert.True(sourceA.Closed);
        Assert.Single(sourceA.Notes, n => n.Body.StartsWith("Moved to http", StringComparison.Ordinal));
        Assert.False(src.Issue(PathOf(source), seeded.D).Closed);

        // Nothing private was ever sent to the public project, in any request (not only in the final state), and no
        // copied line ran a command there.
        var publicRequests = sandbox.Requests.All().Where(r => r.Instance == dst.Name && IsPublicProject(r.Path, PathOf(target))).ToList();
        Assert.NotEmpty(publicRequests);
        string[] neverPublic =
        [
            GhpToken, GlpatToken, "ACME-123456", "corp.internal", "e2e-src", "ops-private", "BigBank", "4411", "wikis/setup",
            "internal only", "changed the description", "api/v4/user", new string('a', 32), src.WebUrl.AbsoluteUri + PathOf(source),
            .. seeded.Upload is { } u ? new[] { u.Secret } : [],
            .. src != dst ? new[] { src.WebUrl.AbsoluteUri } : [], // the whole private instance, unless it is the public one
        ];
        foreach (var request in publicRequests)
        {
            foreach (var secret in neverPublic)
            {
                Assert.False(request.Contains(secret), $"{direction}: '{secret}' was sent in {request.Method} {request.Path}");
            }

            Assert.DoesNotMatch(@"(?m)^[ \t]{0,3}/\p{L}", request.Text);
        }

        if (dst.Kind == "GitLab")
        {
            Assert.Empty(dst.QuickActions());
        }

        Assert.True(dst.Issue(PathOf(target), a.Number).Confidential == false && !dst.Issue(PathOf(target), a.Number).Closed, $"{direction}: a copied command acted on the public issue");
        Assert.DoesNotContain("@carol.diaz", (a.Description ?? string.Empty).Replace("`@carol.diaz`", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        // A rerun finds everything done and writes nothing.
        var before = sandbox.Stats.Snapshot();
        var second = await InProcessApp.RunAsync(args);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(0, Writes(sandbox.Stats.Snapshot()) - Writes(before));
        Assert.Equal(2, dst.Issues(PathOf(target)).Count(i => i.Description?.Contains("issuesync:moved-from", StringComparison.Ordinal) == true));
    }

    private static (int A, int B, int C, int D, SandboxUpload? Upload) Seed(SandboxInstance src, string path, bool withUpload)
    {
        var c = src.AddIssue(path, "Internal cleanup", "Not for the public.", ["bug"], "carol.diaz");
        var b = src.AddIssue(path, "Dark mode", "Please add a dark mode.", ["public", "feature"], "alice.martin");
        var project = src.Project(path);
        var release = new SandboxMilestone
        {
            Id = 990_001, Number = project.Milestones.Count + 1, Title = "v3.1", Description = "Ship before the BigBank renewal",
            CreatedAt = b.CreatedAt, UpdatedAt = b.CreatedAt, DueDate = new DateOnly(2026, 12, 24), Creator = src.Bot,
        };
        project.Milestones.Add(release);
        b.Milestone = release;
        var upload = withUpload ? src.AddUpload(path, "shot.png", "image/png", [137, 80, 78, 71]) : null;
        var privateRoot = src.WebUrl.AbsoluteUri;
        var body = $"""
            Export to CSV fails for large projects. Ask @alice.martin for the logs.
            Related: #{b.Number}; blocked by #{c.Number}.
            Build log: http://build.corp.internal/job/17 (customer ACME-123456).
            {(upload is null ? string.Empty : $"![shot](/uploads/{upload.Secret}/shot.png)")}
            Runbook: [ops wiki]({privateRoot}acme/ops-private/-/wikis/runbook), [setup](../wikis/setup), clone {privateRoot}acme/e2e-src.git
            Secret dump: [dump](/uploads/{new string('a', 32)}/%2e%2e/%2e%2e/api/v4/user) and &#64;carol.diaz \@dev.patel
            <!-- triage note: customer BigBank, escalation 4411 -->
            /close
            /confidential
            ~~~
            /label ~security
            ~~~
            """;
        var a = src.AddIssue(path, $"Export fails with token {GhpToken}", body, ["public", "bug"], "bob.chen");
        src.AddNote(path, a.Number, "Confirmed on 2.3, thanks!", "dev.patel");
        if (src.Kind == "GitLab")
        {
            src.AddNote(path, a.Number, "internal only: the root cause is in the billing service", "carol.diaz", isInternal: true);
            src.AddNote(path, a.Number, "changed the description", "carol.diaz", system: true);
        }

        src.AddNote(path, a.Number, $"Use {GlpatToken} to reproduce", "omar.aziz");
        // GitLab: a confidential issue. GitHub has no confidential issues; an excluded label plays that part.
        var d = src.Kind == "GitLab"
            ? src.AddIssue(path, "Security hole", "Details inside.", ["public"], "carol.diaz", confidential: true)
            : src.AddIssue(path, "Security hole", "Details inside.", ["public", "security"], "carol.diaz");

        return (a.Number, b.Number, c.Number, d.Number, upload);
    }

    /// <summary>A request about the public project: GitLab addresses it by its URL-encoded path, GitHub by owner/repo.</summary>
    private static bool IsPublicProject(string path, string project) =>
        path.Contains("/projects/" + Uri.EscapeDataString(project), StringComparison.OrdinalIgnoreCase)
        || path.Contains("/repos/" + project + "/", StringComparison.OrdinalIgnoreCase);

    private static long Writes(SandboxStatsSnapshot stats) => stats.Instances.Values
        .SelectMany(e => e)
        .Where(e => SandboxStatsSnapshot.IsWrite(e.Key))
        .Sum(e => e.Value);

    private static SandboxInstance Instance(SandboxServer sandbox, string reference) => reference.Split(':')[0] switch
    {
        "dev" => sandbox.GitLabDev,
        "gitlab" => sandbox.GitLab,
        _ => sandbox.GitHub,
    };

    private static string PathOf(string reference) => reference.Split(':')[1];

    private static string[] Tracker(string name, SandboxInstance instance) =>
    [
        $"--IssueSync:Trackers:{name}:Kind={instance.Kind}",
        $"--IssueSync:Trackers:{name}:ApiUrl={instance.ApiUrl}",
        $"--IssueSync:Trackers:{name}:Token={instance.Token}",
    ];
}
