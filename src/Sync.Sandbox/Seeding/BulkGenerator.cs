
namespace Sync.Sandbox.Seeding;

/// <summary>
/// Generates "acme/bulk" with N issues by formula: labels, votes and a few comments are derived from the issue
/// number, and only every tenth issue gets materialised comments, so 10,000 issues load in well under a second.
/// </summary>
internal static class BulkGenerator
{
    public static void Generate(SandboxInstance instance, int count, DateTimeOffset now)
    {
        var gitHub = instance.Kind == TrackerKinds.GitHub;
        var project = instance.CreateProject("acme/bulk", isPrivate: !gitHub, "Generated load-test project.");
        var users = SeedText.Users.Select(instance.User).ToArray();
        var span = TimeSpan.FromDays(365).Ticks / Math.Max(1, count);
        var vote = gitHub ? "+1" : "thumbsup";

        // Votes fall in the last eight weeks of the clock (never before their issue), as the demo seed's do, so the
        // votes window counts them: an older issue's votes spread over the eight weeks, a newer one's follow it closely.
        var windowStart = now.AddDays(-DemoSeeder.VoteWeeks * 7);
        var windowMinutes = (long)(now - windowStart).TotalMinutes;
        DateTimeOffset VoteAt(int n, int v, DateTimeOffset created) =>
            created >= windowStart ? created.AddTicks(span / 4) : windowStart.AddMinutes(((n * 131L) + (v * 977L)) % windowMinutes);
        lock (instance.Sync)
        {
            foreach (var name in new[] { "public", "bug", "feature", "customer" })
            {
                instance.EnsureLabel(project, name);
            }

            for (var n = 1; n <= count; n++)
            {
                var created = now.AddTicks(-TimeSpan.FromDays(365).Ticks + (span * (n - 1)));
                var labels = new List<string>(3);
                if (n % 2 == 0)
                {
                    labels.Add("public");
                }

                labels.Add(n % 3 == 0 ? "bug" : "feature");
                if (n % 5 == 0)
                {
                    labels.Add("customer");
                }

                var issue = instance.CreateIssue(project, users[n % users.Length], $"Bulk issue {n}: {SeedText.Areas[n % SeedText.Areas.Length]}", $"Generated issue number {n}.", labels, false, created);
                for (var v = 0; v < n % 4; v++)
                {
                    instance.CreateAward(issue, issue.Awards, vote, users[(n + v) % users.Length], VoteAt(n, v, created));
                }

                if (n % 10 == 0)
                {
                    instance.CreateNote(issue, users[(n + 7) % users.Length], SeedText.Comments[n % SeedText.Comments.Length], false, false, created.AddTicks(span / 3));
                }

                if (n % 8 == 0)
                {
                    instance.SetClosed(issue, true, instance.Bot, "completed");
                    // Within the issue's own time slot, so the newest issue is never in the sandbox clock's future.
                    issue.ClosedAt = issue.UpdatedAt = created.AddTicks(span / 2);
                }
            }
        }
    }
}
