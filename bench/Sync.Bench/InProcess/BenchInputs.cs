using Sync.Core.Roadmap;
using Sync.Core.Trackers;
using Sync.Core.Votes;

namespace Sync.Bench.InProcess;

/// <summary>One issue's inputs to the vote tally and to RICE scoring.</summary>
/// <param name="Weight">GitLab weight, null when none (then the effort label decides, or the issue needs input).</param>
internal sealed record BenchIssue(long Number, IssueVotes Votes, IReadOnlyList<string> Labels, int? Weight, int RecentVoters);

/// <summary>
/// Deterministic, realistic-looking inputs (<c>Random(42)</c>): 0–20 reactions per issue from a pool of users, a tenth
/// of the issues with demand merged from a moved copy, a mix of RICE labels and weights, and roadmap candidates of
/// which most are open, some in dated milestones and some recently shipped.
/// </summary>
internal static class BenchInputs
{
    /// <summary>Fixed, so runs are comparable (time never comes from the clock in IssueSync).</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 2, 12, 0, 0, TimeSpan.Zero);

    private const int Users = 5_000;

    private static readonly string[] Emoji =
        ["thumbsup", "thumbsup", "thumbsup", "thumbsup_tone2", "thumbsup_tone4", "thumbsdown", "heart", "heart", "rocket", "eyes", "tada"];

    private static readonly string[] ImpactLabels = ["impact::3", "impact::2", "impact::1", "impact::0.5", "impact::0.25"];

    private static readonly string[] OtherLabels = ["bug", "feature", "ui", "api", "docs", "customer", "sales-request"];

    public static VoteRules VoteRules { get; } = new()
    {
        ExtraEmoji = new Dictionary<string, double> { ["heart"] = 1, ["rocket"] = 1 },
        Bots = ["renovate-bot", "dependabot"],
        // Some people use both trackers: their reactions on an issue and its moved copy count once.
        IdentityMap = [.. Enumerable.Range(0, 50).Select(i => new IdentityLink($"gitlab:user{i}", $"github:user{i}-gh"))],
    };

    public static IReadOnlyList<BenchIssue> Issues(int count)
    {
        var random = new Random(42);
        var reactionId = 0L;
        var issues = new List<BenchIssue>(count);
        for (var n = 1; n <= count; n++)
        {
            var own = Reactions(random, "gitlab", random.Next(0, 21), ref reactionId);
            IReadOnlyList<VoteSource>? additional = random.Next(10) == 0
                ? [new VoteSource("github", Reactions(random, "github", random.Next(0, 6), ref reactionId))]
                : null;
            var votes = new IssueVotes("gitlab", $"user{random.Next(Users)}", own, Additional: additional);
            issues.Add(new BenchIssue(n, votes, Labels(random), random.Next(4) == 0 ? null : random.Next(0, 9), random.Next(0, 31)));
        }

        return issues;
    }

    public static IReadOnlyList<RoadmapCandidate> Candidates(int count)
    {
        var random = new Random(42);
        var candidates = new List<RoadmapCandidate>(count);
        for (var n = 1; n <= count; n++)
        {
            var open = random.Next(5) != 0;
            var milestone = random.Next(20) switch
            {
                0 => "17.1",
                1 => "17.2",
                2 => "17.3",
                3 => "16.11",
                4 => "Backlog",
                _ => null,
            };
            var scored = random.Next(7) != 0;
            candidates.Add(new RoadmapCandidate(
                n,
                $"Issue {n}: make things better",
                $"https://gitlab.example.com/group/product/-/issues/{n}",
                open,
                Completed: !open && random.Next(10) < 7,
                ClosedAt: open ? null : Now.AddMinutes(-random.Next(0, 90 * 24 * 60)),
                milestone,
                Up: random.Next(0, 200),
                UpChange: random.Next(-3, 11),
                RiceScore: scored ? Math.Round(random.NextDouble() * 100, 1) : null,
                RiceBucket: scored ? "medium" : "needs-input",
                Confidential: false));
        }

        return candidates;
    }

    /// <summary>Three dated open milestones, a closed one and an undated one (whose issues compete by rank).</summary>
    public static IReadOnlyList<TrackerMilestone> Milestones { get; } =
    [
        new(1, "16.11", Closed: true, DueDate: DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-20))),
        new(2, "17.1", DueDate: DateOnly.FromDateTime(Now.UtcDateTime.AddDays(15))),
        new(3, "17.2", DueDate: DateOnly.FromDateTime(Now.UtcDateTime.AddDays(45))),
        new(4, "17.3", DueDate: DateOnly.FromDateTime(Now.UtcDateTime.AddDays(75))),
        new(5, "Backlog"),
    ];

    private static List<TrackerReaction> Reactions(Random random, string host, int count, ref long reactionId)
    {
        var reactions = new List<TrackerReaction>(count);
        for (var i = 0; i < count; i++)
        {
            var user = random.Next(100) == 0 ? "renovate-bot" : host == "github" && random.Next(2) == 0 ? $"user{random.Next(50)}-gh" : $"user{random.Next(Users)}";
            reactions.Add(new TrackerReaction(
                ++reactionId,
                Emoji[random.Next(Emoji.Length)],
                new TrackerUser(user, random.Next(1, Users * 2)),
                Now.AddMinutes(-random.Next(0, 365 * 24 * 60))));
        }

        return reactions;
    }

    private static List<string> Labels(Random random)
    {
        var labels = new List<string>();
        if (random.Next(5) != 0)
        {
            labels.Add(ImpactLabels[random.Next(ImpactLabels.Length)]);
        }

        if (random.Next(3) == 0)
        {
            labels.Add(random.Next(2) == 0 ? "confidence::80" : "confidence::100");
        }

        if (random.Next(3) == 0)
        {
            labels.Add($"effort::{random.Next(1, 7)}");
        }

        for (var i = random.Next(0, 3); i > 0; i--)
        {
            labels.Add(OtherLabels[random.Next(OtherLabels.Length)]);
        }

        return labels;
    }
}
