using Sync.Sandbox.Model;

namespace Sync.Sandbox.Seeding;

// The hand-made part of the demo seed: one issue for each thing a demo visitor should see IssueSync do.
internal sealed partial class DemoSeeder
{
    private SandboxDemoIssues Showcase(SandboxInstance dev, SandboxProject widget, SandboxInstance gitHub, SandboxProject repo)
    {
        var v24 = widget.Milestones.Single(m => m.Title == "v2.4");
        var v25 = widget.Milestones.Single(m => m.Title == "v2.5");

        // The public repository plans the same releases, with their due dates: moved issues join them by title, and
        // the public roadmap places them by milestone.
        AddMilestones(gitHub, repo);

        // RICE inputs, a milestone due in two weeks and many recent votes: the roadmap's Now with a real score.
        var planned = Showcased(dev, widget, "Bulk edit for saved reports", """
            Enterprise admins maintain hundreds of saved reports and change their filters one by one.

            | Account | Saved reports |
            | --- | --- |
            | Contoso | 412 |
            | Fabrikam | 268 |

            Let them select several reports and change filters, owner and schedule at once.
            """, ["public", "feature", "customer", "impact::2", "effort::1", "confidence::80"], v24, voters: 14, days: 90);
        dev.CreateNote(planned, dev.User("pm.lea"), "Planned for **v2.4**; design is ready.", isInternal: false, system: false, now.AddDays(-20));

        // Next release, RICE inputs, fewer votes.
        var later = Showcased(dev, widget, "Offline mode for the mobile app", """
            Field technicians lose their notes when the connection drops.

            - [x] Research sync conflicts
            - [ ] Local storage
            - [ ] Conflict resolution UI
            """, ["public", "feature", "impact::3", "effort::3", "confidence::50"], v25, voters: 8, days: 120);

        // Demand but no impact or effort yet: RICE says what to add instead of guessing.
        var needsInput = Showcased(dev, widget, "Single sign-on with Okta", """
            Three prospects asked for Okta SSO during evaluation. Impact and effort are not estimated yet.
            """, ["public", "feature", "customer"], null, voters: 9, days: 60);

        // Secrets, an internal host, private links and paths: its public copy shows the redaction.
        var sensitive = Showcased(dev, widget, "Webhook deliveries to the billing service time out", $"""
            Since the proxy change, deliveries to the billing service time out after 30 s.

            - Dashboard: https://grafana.{SandboxDemoIssues.InternalHost}/d/webhooks?orgId=1
            - Runbook: [webhook runbook](/acme/widget/-/wikis/runbooks/webhooks)
            - Same root cause as acme/gadget-dev#3
            - Config: `{SandboxDemoIssues.PrivatePath}billing/webhooks.yml` on build-01.{SandboxDemoIssues.InternalHost}

            Reproduce with:

            ```
            curl -H "PRIVATE-TOKEN: {SandboxDemoIssues.SensitiveToken}" https://gitlab.{SandboxDemoIssues.InternalHost}/api/v4/projects
            ```
            """, ["public", "bug", "impact::1", "effort::1", "confidence::100"], null, voters: 6, days: 30);
        dev.CreateNote(sensitive, dev.User("dev.patel"), $"Same timeouts in the logs on build-02.{SandboxDemoIssues.InternalHost}, see {SandboxDemoIssues.PrivatePath}logs/.", isInternal: false, system: false, now.AddDays(-3));
        dev.CreateNote(sensitive, dev.User("support.sam"), "Internal: Contoso's billing admin is waiting on this, do not share.", isInternal: true, system: false, now.AddDays(-2));

        // Its move is refused once by the dev tracker (SandboxDemoIssues.FailingMoveFault, injected by the demo).
        var failing = Showcased(dev, widget, "CSV export drops the last row", """
            Exporting any report to CSV loses its last row when the report has more than 1,000 rows.
            """, ["public", "bug", "impact::2", "effort::2", "confidence::100"], null, voters: 5, days: 20);

        // A canonical issue and its duplicate in the public repository, both voted on: the duplicate's voters count
        // for the canonical once per person (GitHub: state_reason "duplicate" and a "Duplicate of #N" comment).
        var canonical = Showcased(gitHub, repo, "Dark mode for the dashboard", """
            The dashboard is hard to read at night. Please follow the system's colour scheme.
            """, ["feature", "impact::1", "effort::2", "confidence::80"], repo.Milestones.Single(m => m.Title == "v2.5"), voters: 10, days: 75);
        var duplicate = Showcased(gitHub, repo, "Please add a dark theme", "A dark theme would be great for late shifts.", ["feature"], null, voters: 4, days: 40, firstVoter: 8);
        gitHub.CreateNote(duplicate, gitHub.User("pm.lea"), $"Duplicate of #{canonical.Number}", isInternal: false, system: false, now.AddDays(-5));
        var closedAt = now.AddDays(-5);
        gitHub.SetClosed(duplicate, true, gitHub.User("pm.lea"), "duplicate");
        duplicate.ClosedAt = duplicate.UpdatedAt = closedAt;
        duplicate.DuplicateOf = canonical;

        ForumIdeas(gitHub, repo.Path);
        ShippedAndRequested(gitHub, repo);
        return new SandboxDemoIssues(planned.Number, later.Number, needsInput.Number, sensitive.Number, failing.Number, canonical.Number, duplicate.Number);
    }

    /// <summary>
    /// The widget's feature forum: an "Ideas" category of the public repository's Discussions with a few voted ideas (👍
    /// reactions, whose voters are known, and upvotes, known only as a number), replies and an answered question.
    /// </summary>
    private void ForumIdeas(SandboxInstance gitHub, string repo)
    {
        gitHub.CreateDiscussionCategory(repo, SandboxDemoIssues.ForumCategory);
        var keyboard = gitHub.AddDiscussion(repo, SandboxDemoIssues.ForumCategory, "Keyboard shortcuts for the board", "Moving cards with the mouse is slow.\n\nVim-style keys would be great.", SeedText.Users[1], now.AddDays(-35));
        gitHub.AddDiscussionComment(repo, keyboard.Number, "+1, and a cheat sheet on `?`.", SeedText.Users[2], createdAt: now.AddDays(-30));
        foreach (var (user, day) in new[] { (SeedText.Users[2], 30), (SeedText.Users[3], 21), (SeedText.Users[4], 9) })
        {
            gitHub.AddDiscussionReaction(repo, keyboard.Number, "THUMBS_UP", user, now.AddDays(-day));
        }

        gitHub.UpvoteDiscussion(repo, keyboard.Number, [.. Enumerable.Range(1, 42).Select(i => $"forum-fan-{i}")]);

        var webhooks = gitHub.AddDiscussion(repo, SandboxDemoIssues.ForumCategory, "Outgoing webhooks on status change", "We want to notify our chat when an item ships.", SeedText.Users[5], now.AddDays(-12));
        gitHub.AddDiscussionReaction(repo, webhooks.Number, "THUMBS_UP", SeedText.Users[6], now.AddDays(-6));
        gitHub.UpvoteDiscussion(repo, webhooks.Number, [.. Enumerable.Range(1, 7).Select(i => $"forum-fan-{i}")]);
    }
    /// <summary>
    /// A release that shipped (milestone v2.3, closed a week ago: its release notes are drafted) and new feature requests
    /// for the voting lifecycle: one with enough votes to reach the backlog, one still gathering votes, and one a
    /// maintainer opened (exempt).
    /// </summary>
    private void ShippedAndRequested(SandboxInstance gitHub, SandboxProject repo)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var v23 = new SandboxMilestone
        {
            Id = gitHub.NextId(), Number = repo.Milestones.Count + 1, Title = "v2.3", Description = "Release v2.3",
            CreatedAt = now.AddDays(-200), UpdatedAt = now.AddDays(-7), DueDate = today.AddDays(-7), Closed = true, ClosedAt = now.AddDays(-7),
            Creator = gitHub.Bot,
        };
        repo.Milestones.Add(v23);
        foreach (var (title, label, voters, days, closedDaysAgo, reason) in new[]
        {
            ("Export reports to PDF", "feature-request", 12, 190, 9, "completed"),
            ("Faster search on large boards", "enhancement", 5, 45, 8, "completed"),
            ("Date picker ignores the browser's locale", "bug", 2, 16, 10, "completed"),
            ("Fax the weekly report", "feature-request", 1, 60, 12, "not_planned"),
        })
        {
            var issue = Showcased(gitHub, repo, title, $"{title}.", [label], v23, voters, days);
            gitHub.SetClosed(issue, true, gitHub.User("pm.lea"), reason);
            issue.ClosedAt = issue.UpdatedAt = now.AddDays(-closedDaysAgo);
        }

        Showcased(gitHub, repo, "Calendar sync with Outlook", "Show due dates in our Outlook calendars.", ["feature-request"], null, voters: 4, days: 3);
        Showcased(gitHub, repo, "Custom fonts in exported reports", "Our brand font in PDF exports, please.", ["feature-request"], null, voters: 1, days: 2);
        var exempt = gitHub.CreateIssue(repo, gitHub.User("pm.lea"), "Gantt chart view", "Planned by the product team; no vote needed.", ["feature-request"], false, now.AddDays(-1));
        exempt.UpdatedAt = now.AddDays(-1);
    }

    /// <summary>An issue opened <paramref name="days"/> ago with <paramref name="voters"/> distinct up-voters in the last eight weeks.</summary>
    private SandboxIssue Showcased(
        SandboxInstance instance, SandboxProject project, string title, string description, string[] labels, SandboxMilestone? milestone,
        int voters, int days, int firstVoter = 0)
    {
        var created = now.AddDays(-days);
        var issue = instance.CreateIssue(project, instance.User(SeedText.Users[(days + voters) % SeedText.Users.Length]), title, description, labels, false, created);
        issue.Milestone = milestone;
        var up = instance.IsGitHub ? "+1" : "thumbsup";
        for (var v = 0; v < voters; v++)
        {
            var user = instance.User(SeedText.Users[(firstVoter + v) % SeedText.Users.Length]);
            if (user.Id == issue.Author.Id)
            {
                continue; // the author's own vote does not count anyway
            }

            // GitLab voters use skin tones too: IssueSync counts every thumbs-up.
            var name = !instance.IsGitHub && v % 4 == 3 ? $"thumbsup_tone{1 + (v % 5)}" : up;
            instance.CreateAward(issue, issue.Awards, name, user, VoteTime(created));
        }

        return issue;
    }
}
