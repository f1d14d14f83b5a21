using Sync.Sandbox.Model;

namespace Sync.Sandbox.Seeding;

/// <summary>
/// The always-present demo data, deterministic for a given seed and sandbox clock: generated issues (below) and a few
/// hand-made ones that show each thing IssueSync does (DemoSeeder.Showcase.cs). Votes fall in the last eight weeks of
/// the clock, so the votes window (90 days by default) counts them and RICE reach is not zero.
/// </summary>
internal sealed partial class DemoSeeder(int seed, DateTimeOffset now)
{
    private readonly Random random = new(seed);

    // Vote times have a generator of their own, so the rest of the seed stays what it was for a given seed.
    private readonly Random votes = new(unchecked((seed * 31) + 7));
    // Tiny valid PNG so seeded screenshot links resolve to a real image.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public SandboxDemoIssues Seed(SandboxInstance gitLabDev, SandboxInstance gitLab, SandboxInstance gitHub)
    {
        foreach (var instance in new[] { gitLabDev, gitLab, gitHub })
        {
            Array.ForEach(SeedText.Users, u => instance.User(u));
        }

        var widget = gitLabDev.CreateProject("acme/widget", isPrivate: true, "The Widget product (internal tracker).");
        AddMilestones(gitLabDev, widget);
        var screenshot = gitLabDev.AddUpload("acme/widget", "screen.png", "image/png", Png);
        var mockup = gitLabDev.AddUpload("acme/widget", "mockup.png", "image/png", Png);
        Fill(gitLabDev, widget, 44, [screenshot, mockup]);
        Fill(gitLabDev, gitLabDev.CreateProject("acme/gadget-dev", isPrivate: true, "Gadget internal tracker."), 10, []);
        Fill(gitLab, gitLab.CreateProject("acme/gadget", isPrivate: false, "Gadget public tracker."), 15, []);

        var repo = gitHub.CreateProject("acme/widget", isPrivate: false, "Widget public issues.");
        Fill(gitHub, repo, 15, []);
        for (var n = 0; n < 2; n++)
        {
            var pr = gitHub.CreateIssue(repo, Pick(gitHub), $"Fix {SeedText.Areas[n]} edge case", "Closes a reported bug.", [], false, Past(), isPullRequest: true);
            gitHub.CreateNote(pr, Pick(gitHub), "LGTM", isInternal: false, system: false, Later(pr.CreatedAt));
        }

        var privateRepo = gitHub.CreateProject("acme/widget-private", isPrivate: true, "Widget private triage.");
        Fill(gitHub, privateRepo, 10, []);
        gitHub.CreateIssue(privateRepo, Pick(gitHub), "Bump dependencies", "Routine update.", [], false, Past(), isPullRequest: true);
        return Showcase(gitLabDev, widget, gitHub, repo);
    }

    private void AddMilestones(SandboxInstance instance, SandboxProject project)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // The next release due in two weeks (the roadmap's Now), the one after in six (Next).
        foreach (var (title, days) in new[] { ("v2.4", 14), ("v2.5", 42) })
        {
            project.Milestones.Add(new SandboxMilestone
            {
                Id = instance.NextId(), Number = project.Milestones.Count + 1, Title = title, Description = $"Release {title}",
                CreatedAt = now.AddDays(-120), UpdatedAt = now.AddDays(-120), DueDate = today.AddDays(days), StartDate = today.AddDays(days - 60),
                Creator = instance.Bot,
            });
        }
    }

    private void Fill(SandboxInstance instance, SandboxProject project, int count, SandboxUpload[] uploads)
    {
        var gitHub = instance.Kind == TrackerKinds.GitHub;
        for (var n = 1; n <= count; n++)
        {
            var area = SeedText.Areas[random.Next(SeedText.Areas.Length)];
            var problem = SeedText.Problems[random.Next(SeedText.Problems.Length)];
            var labels = new List<string>();
            if (n % 3 != 0)
            {
                labels.Add("public");
            }

            labels.Add(SeedText.ExtraLabels[random.Next(SeedText.ExtraLabels.Length)]);
            if (!gitHub && n % 2 == 0)
            {
                labels.AddRange(["impact::" + (1 + random.Next(3)), "effort::" + (1 + random.Next(5)), "confidence::" + (50 + (10 * random.Next(6)))]);
            }

            var description = $"{SeedText.Openers[random.Next(SeedText.Openers.Length)]}\n\nThe {area} {problem}.";
            if (n > 3 && n % 4 == 0)
            {
                description += $" Related to #{n - 3}.";
            }

            if (uploads.Length > 0 && n % 9 == 1)
            {
                var u = uploads[n % uploads.Length];
                description += $"\n\n![screenshot]({u.RelativeUrl})";
            }

            if (n % 5 == 0)
            {
                description += "\n\n- [x] Reproduce\n- [ ] Fix\n- [ ] Release note";
            }

            var created = Past();
            var issue = instance.CreateIssue(project, Pick(instance), $"The {area} {problem}", description, labels, !gitHub && n % 7 == 0, created);
            issue.Weight = gitHub ? null : 1 + random.Next(8);
            issue.Milestone = project.Milestones.Count > 0 && n % 4 == 1 ? project.Milestones[n % project.Milestones.Count] : null;
            AddDiscussion(instance, issue, n, gitHub);
            if (n % 6 == 0)
            {
                if (!gitHub)
                {
                    instance.CreateNote(issue, instance.Bot, "closed", isInternal: false, system: true, Later(issue.UpdatedAt));
                }

                // SetClosed stamps the sandbox clock; seeded history must not depend on it.
                var closedAt = Later(issue.UpdatedAt);
                instance.SetClosed(issue, true, instance.Bot, "completed");
                issue.ClosedAt = issue.UpdatedAt = closedAt;
            }
        }
    }

    private void AddDiscussion(SandboxInstance instance, SandboxIssue issue, int n, bool gitHub)
    {
        var at = issue.CreatedAt;
        for (var c = random.Next(4); c > 0; c--)
        {
            at = Later(at);
            var body = SeedText.Comments[random.Next(SeedText.Comments.Length)];
            if (random.Next(4) == 0)
            {
                body = $"@{SeedText.Users[random.Next(SeedText.Users.Length)]} {body}";
            }

            var note = instance.CreateNote(issue, Pick(instance), body, isInternal: false, system: false, at);
            if (random.Next(3) == 0)
            {
                var voter = Pick(instance);
                _ = Later(at); // keeps the generated sequence of the seed as it was
                instance.CreateAward(issue, note.Awards, gitHub ? "+1" : "thumbsup", voter, VoteTime(at));
            }
        }

        if (!gitHub && n % 3 == 0)
        {
            instance.CreateNote(issue, Pick(instance), "Internal: customer is Contoso (ARR 120k), do not share.", isInternal: true, system: false, Later(at));
        }

        if (!gitHub && n % 4 == 2)
        {
            instance.CreateNote(issue, instance.Bot, "added ~\"customer\" label", isInternal: false, system: true, Later(at));
        }

        var pool = gitHub ? SeedText.Reactions : SeedText.Emoji;
        for (var v = random.Next(12); v > 0; v--)
        {
            var name = pool[random.Next(pool.Length)];
            var voter = Pick(instance);
            _ = Later(at); // keeps the generated sequence of the seed as it was
            instance.CreateAward(issue, issue.Awards, name, voter, VoteTime(issue.CreatedAt));
        }
    }

    /// <summary>
    /// A vote in the last eight weeks of the clock and after <paramref name="after"/> (an issue is voted on once it
    /// exists), spread evenly, so the votes window counts it and weekly counts differ.
    /// </summary>
    private DateTimeOffset VoteTime(DateTimeOffset after)
    {
        var from = after > now.AddDays(-VoteWeeks * 7) ? after : now.AddDays(-VoteWeeks * 7);
        var minutes = (now - from).TotalMinutes;
        return minutes < 2 ? from + ((now - from) / 2) : from.AddMinutes(Math.Floor(1 + (votes.NextDouble() * (minutes - 1))));
    }

    internal const int VoteWeeks = 8;

    private SandboxUser Pick(SandboxInstance instance) => instance.User(SeedText.Users[random.Next(SeedText.Users.Length)]);

    private DateTimeOffset Past() => now.AddMinutes(-random.Next(60, 365 * 24 * 60));

    // Later than t but never in the future of the sandbox clock (halving the gap keeps recent issues spread out).
    private DateTimeOffset Later(DateTimeOffset t)
    {
        var next = t.AddMinutes(random.Next(5, 5 * 24 * 60));
        return next < now ? next : t + ((now - t) / 2);
    }
}
