namespace Sync.Core.Roadmap;

/// <summary>How a product's roadmap is built and where it is written.</summary>
public sealed record RoadmapRules
{
    /// <summary>Title of the roadmap issue when IssueSync creates it (a human may retitle it; it is found by its marker).</summary>
    public string Title { get; init; } = "Roadmap";

    /// <summary>Issues without a milestone fill Now, Next and Later by rank, up to these sizes.</summary>
    public int NowSize { get; init; } = 5;

    public int NextSize { get; init; } = 10;

    public int LaterSize { get; init; } = 20;

    /// <summary>"Recently shipped" lists issues closed as completed in this many days.</summary>
    public int ShippedDays { get; init; } = 30;

    /// <summary>Label scope of the board labels (<c>roadmap::now</c>, <c>roadmap::next</c>, <c>roadmap::later</c>).</summary>
    public string LabelScope { get; init; } = "roadmap";

    /// <summary>GitLab board kept with one list per board label, in section order.</summary>
    public string BoardName { get; init; } = "Roadmap";

    /// <summary>
    /// How often the public project is listed in full instead of incrementally. GitLab bumps <c>updated_at</c> when an
    /// issue is made confidential (so the incremental listing sees it), but a full listing now and then also catches a
    /// change that did not, and drops deleted issues from the book. One listing page per 100 issues.
    /// </summary>
    public TimeSpan FullListEvery { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Optional GitHub Projects v2 board (GitHub public projects only).</summary>
    public ProjectBoardTarget? GitHubProject { get; init; }

    public string LabelOf(RoadmapSection section) => $"{LabelScope}::{section.ToString().ToLowerInvariant()}";
}
