using System.ComponentModel.DataAnnotations;

namespace Sync.Core.Roadmap;

/// <summary>
/// How a product's roadmap is built and where it is written. The Worker binds <c>IssueSync:Products:&lt;key&gt;:Roadmap</c>
/// straight into this type, so these are the only defaults.
/// </summary>
public record RoadmapRules
{
    /// <summary>Title of the roadmap issue when IssueSync creates it (a human may retitle it; it is found by its marker).</summary>
    public string Title { get; set => field = value.Trim(); } = "Roadmap";

    /// <summary>Issues without a milestone fill Now, Next and Later by rank, up to these sizes.</summary>
    [Range(0, 200, ErrorMessage = "{{value}} is outside {1} to {2}")]
    public int NowSize { get; set; } = 5;

    [Range(0, 200, ErrorMessage = "{{value}} is outside {1} to {2}")]
    public int NextSize { get; set; } = 10;

    [Range(0, 200, ErrorMessage = "{{value}} is outside {1} to {2}")]
    public int LaterSize { get; set; } = 20;

    /// <summary>"Recently shipped" lists issues closed as completed in this many days.</summary>
    [Range(1, 365, ErrorMessage = "{{value}} is outside {1} to {2}")]
    public int ShippedDays { get; set; } = 30;

    /// <summary>Label scope of the board labels (<c>roadmap::now</c>, <c>roadmap::next</c>, <c>roadmap::later</c>).</summary>
    public string LabelScope { get; set => field = value.Trim(); } = "roadmap";

    /// <summary>GitLab board kept with one list per board label, in section order (GitLab public projects).</summary>
    public string BoardName { get; set => field = value.Trim(); } = "Roadmap";

    /// <summary>
    /// How often the public project is listed in full instead of incrementally. GitLab bumps <c>updated_at</c> when an
    /// issue is made confidential (so the incremental listing sees it), but a full listing now and then also catches a
    /// change that did not, and drops deleted issues from the book. One listing page per 100 issues. Not a configuration
    /// key (no setter, so the binder leaves it alone).
    /// </summary>
    public TimeSpan FullListEvery { get; } = TimeSpan.FromDays(1);

    /// <summary>Optional GitHub Projects v2 board (GitHub public projects only).</summary>
    public ProjectBoardOptions? GitHubProject { get; set; }

    public string LabelOf(RoadmapSection section) => $"{LabelScope}::{section.ToString().ToLowerInvariant()}";
}

/// <summary>A GitHub Projects v2 board kept in step with the roadmap (<c>Roadmap:GitHubProject</c>).</summary>
public sealed record ProjectBoardOptions
{
    /// <summary>Organisation or user that owns the project.</summary>
    public string Owner { get; set => field = value.Trim(); } = string.Empty;

    /// <summary>Project number, from its URL (<c>github.com/orgs/acme/projects/3</c> → 3).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "{{value}} must be the project number from its URL ({1} or more)")]
    public int Number { get; set; }

    /// <summary>Single-select field with options Now, Next and Later.</summary>
    public string Field { get; set => field = value.Trim(); } = "Status";

    /// <summary>The board as the port sees it, for the issues of <paramref name="repository"/>.</summary>
    public ProjectBoardTarget For(string repository) => new(Owner, Number, Field, repository);
}
