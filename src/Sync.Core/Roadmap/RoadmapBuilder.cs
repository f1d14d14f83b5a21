using Sync.Core.Trackers;

namespace Sync.Core.Roadmap;

/// <summary>
/// Places a product's issues on its roadmap. Pure and deterministic: the same candidates in any order give the same
/// roadmap, and time is passed in.
/// </summary>
public static class RoadmapBuilder
{
    /// <summary>
    /// At most this many issues are listed under Needs input (by demand); the roadmap counts the rest
    /// (<see cref="ProductRoadmap.NeedsInputMore"/>), so the issue body stays far below the trackers' size limits.
    /// </summary>
    public const int NeedsInputCap = 50;

    private static readonly RoadmapSection[] Planned = [RoadmapSection.Now, RoadmapSection.Next, RoadmapSection.Later];

    // Number decides; title and URL only make the order total should a caller pass the same number twice.
    private static readonly Comparer<RoadmapCandidate> TieBreak = Comparer<RoadmapCandidate>.Create((a, b) =>
    {
        var byNumber = a.Number.CompareTo(b.Number);
        if (byNumber != 0)
        {
            return byNumber;
        }

        var byTitle = string.CompareOrdinal(a.Title, b.Title);
        return byTitle != 0 ? byTitle : string.CompareOrdinal(a.Url, b.Url);
    });

    /// <summary>
    /// Open issues in an open milestone with a due date go by milestone (earliest milestone Now, the next one Next, all
    /// later ones Later) and are never cut by the section sizes. The other open issues fill Now, Next and Later by
    /// rank up to <see cref="RoadmapRules.NowSize"/>, <see cref="RoadmapRules.NextSize"/> and
    /// <see cref="RoadmapRules.LaterSize"/>. When any candidate has a RICE score only scored issues are ranked (by
    /// score, then votes); otherwise all are ranked by votes. Issues closed as completed in the last
    /// <see cref="RoadmapRules.ShippedDays"/> days are shipped. Open issues that lack RICE inputs
    /// (<see cref="RoadmapCandidate.NeedsInput"/>) and got no place are listed under Needs input, most votes first, then
    /// by number, up to <see cref="NeedsInputCap"/>. Confidential candidates are left out before anything else, so they
    /// take no place and do not even steer the order of the others (RICE ranking on or off, milestones).
    /// </summary>
    public static ProductRoadmap Build(
        string product,
        string publicProject,
        string? issueUrl,
        RoadmapRules rules,
        IReadOnlyList<RoadmapCandidate> candidates,
        IReadOnlyList<TrackerMilestone> milestones,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(milestones);

        var visible = candidates.Where(c => !c.Confidential).ToList();
        var byTitle = MilestonesByTitle(milestones);
        var riceOn = visible.Any(c => c.RiceScore is not null);
        var open = visible.Where(c => c.Open).ToList();

        // A milestone steers placement only while it is open and dated; otherwise its issues compete by rank.
        DateOnly? PlacingDue(RoadmapCandidate c) =>
            c.Milestone is not null && byTitle.TryGetValue(c.Milestone, out var m) && !m.Closed ? m.DueDate : null;

        var dated = open.Where(c => PlacingDue(c) is not null).ToList();
        var milestoneOrder = dated
            .Select(c => byTitle[c.Milestone!])
            .Distinct()
            .OrderBy(m => m.DueDate!.Value)
            .ThenBy(m => m.Title, StringComparer.Ordinal)
            .ThenBy(m => m.Id)
            .ToList();
        var milestoneSection = milestoneOrder
            .Select((m, i) => (m, Section: Planned[Math.Min(i, Planned.Length - 1)]))
            .ToDictionary(x => x.m, x => x.Section);

        var items = new List<RoadmapItem>();
        var ranked = Rank(open.Where(c => PlacingDue(c) is null).Where(c => !riceOn || c.RiceScore is not null), riceOn).ToList();
        var sizes = new[] { rules.NowSize, rules.NextSize, rules.LaterSize };
        var taken = 0;
        for (var s = 0; s < Planned.Length; s++)
        {
            var section = Planned[s];
            var byMilestone = dated
                .Where(c => milestoneSection[byTitle[c.Milestone!]] == section)
                .OrderBy(c => milestoneOrder.IndexOf(byTitle[c.Milestone!]))
                .ThenBy(c => c, RankComparer(riceOn));
            items.AddRange(byMilestone.Select(c => ToItem(c, section, byTitle)));

            var size = Math.Max(0, sizes[s]);
            items.AddRange(ranked.Skip(taken).Take(size).Select(c => ToItem(c, section, byTitle)));
            taken += size;
        }

        var since = now.AddDays(-rules.ShippedDays);
        var shipped = visible
            .Where(c => !c.Open && c.Completed && c.ClosedAt is { } at && at >= since)
            .OrderByDescending(c => c.ClosedAt!.Value)
            .ThenBy(c => c, TieBreak);
        items.AddRange(shipped.Select(c => ToItem(c, RoadmapSection.Shipped, byTitle)));

        // Without this a request lacking impact or effort would be on no list at all while RICE ranks the others.
        var placed = items.Select(i => i.Number).ToHashSet();
        var waiting = open.Where(c => c.NeedsInput && !placed.Contains(c.Number)).ToList();

        // OrderBy followed by Take sorts only as far as the first NeedsInputCap (LINQ's partial sort), not every waiting issue.
        items.AddRange(waiting
            .OrderByDescending(c => c.Up + c.ForumVotes)
            .ThenBy(c => c, TieBreak)
            .Take(NeedsInputCap)
            .Select(c => ToItem(c, RoadmapSection.NeedsInput, byTitle)));

        return new ProductRoadmap(product, publicProject, rules.Title, issueUrl, items)
        {
            Schema = ProductRoadmap.CurrentSchema,
            NeedsInputMore = Math.Max(0, waiting.Count - NeedsInputCap),
        };
    }

    private static IEnumerable<RoadmapCandidate> Rank(IEnumerable<RoadmapCandidate> candidates, bool riceOn) =>
        candidates.OrderBy(c => c, RankComparer(riceOn));

    private static Comparer<RoadmapCandidate> RankComparer(bool riceOn) => Comparer<RoadmapCandidate>.Create((a, b) =>
    {
        if (riceOn)
        {
            // Descending; an unscored issue (only possible for milestone-placed ones) sorts after every scored one.
            var byScore = (b.RiceScore ?? double.NegativeInfinity).CompareTo(a.RiceScore ?? double.NegativeInfinity);
            if (byScore != 0)
            {
                return byScore;
            }
        }

        var byUp = (b.Up + b.ForumVotes).CompareTo(a.Up + a.ForumVotes);
        return byUp != 0 ? byUp : TieBreak.Compare(a, b);
    });

    // Several milestones may share a title (case-insensitively); the open, earliest-due one wins, then the lowest id.
    private static Dictionary<string, TrackerMilestone> MilestonesByTitle(IReadOnlyList<TrackerMilestone> milestones) =>
        milestones
            .OrderBy(m => m.Closed)
            .ThenBy(m => m.DueDate is null)
            .ThenBy(m => m.DueDate ?? DateOnly.MinValue)
            .ThenBy(m => m.Id)
            .ThenBy(m => m.Title, StringComparer.Ordinal)
            .GroupBy(m => m.Title, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    private static RoadmapItem ToItem(RoadmapCandidate c, RoadmapSection section, Dictionary<string, TrackerMilestone> byTitle) =>
        new(
            c.Number,
            c.Title,
            c.Url,
            section,
            c.Up,
            c.UpChange,
            c.RiceScore,
            c.RiceBucket,
            c.Milestone,
            c.Milestone is not null && byTitle.TryGetValue(c.Milestone, out var m) ? m.DueDate : null,
            section == RoadmapSection.Shipped ? c.ClosedAt : null)
        {
            ForumVotes = c.ForumVotes,
        };
}
