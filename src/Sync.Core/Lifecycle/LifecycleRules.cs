using System.ComponentModel.DataAnnotations;

namespace Sync.Core.Lifecycle;

/// <summary>
/// The voting lifecycle of new feature requests in a product's public project: a matching new issue is a candidate for
/// <see cref="WindowDays"/> days; reaching <see cref="VotesNeeded"/> votes (IssueSync's count: unique people, forum votes
/// included) moves it to the backlog, missing them closes it as not planned (never locked), and votes arriving after that
/// reopen it once they reach the threshold. The Worker binds <c>IssueSync:Products:&lt;key&gt;:Lifecycle</c> straight
/// into this type, so these are the only defaults. Off unless <c>Enabled</c>.
/// </summary>
/// <remarks>
/// List settings are null until configured and read through their <c>…OrDefault</c> property: the configuration binder
/// adds configured items to a list that already has some, so a default list could never be replaced.
/// </remarks>
public record LifecycleRules
{
    /// <summary>An issue carrying one of these labels is a feature request (case-insensitive). Default <c>feature-request</c>.</summary>
    public List<string>? Labels { get; set; }

    public IReadOnlyList<string> LabelsOrDefault => Labels ?? ["feature-request"];

    /// <summary>Days a candidate has to gather <see cref="VotesNeeded"/> votes, counted from when IssueSync labelled it.</summary>
    [Range(1, 365, ErrorMessage = "{{value}} is outside {1} to {2} days")]
    public int WindowDays { get; set; } = 60;

    /// <summary>Votes (unique people, forum votes included) that move a candidate to the backlog.</summary>
    [Range(1, 100_000, ErrorMessage = "{{value}} is outside {1} to {2} votes")]
    public int VotesNeeded { get; set; } = 20;

    /// <summary>Label of an open candidate while its votes are counted.</summary>
    public string VotingLabel { get; set => field = value.Trim(); } = "candidate::voting";

    /// <summary>Label of a candidate that reached the threshold: from then on a normal request for RICE and the roadmap.</summary>
    public string BacklogLabel { get; set => field = value.Trim(); } = "candidate::backlog";

    /// <summary>Label of a candidate closed because it missed the threshold (GitLab has no close reason; GitHub also gets <c>not_planned</c>).</summary>
    public string NotPlannedLabel { get; set => field = value.Trim(); } = "candidate::not-planned";

    /// <summary>
    /// An issue with one of these labels never enters (or leaves) the lifecycle. <c>scope::*</c> matches every label of the
    /// scope. Default <c>roadmap::*</c> (a planned issue needs no votes).
    /// </summary>
    public List<string>? ExemptLabels { get; set; }

    public IReadOnlyList<string> ExemptLabelsOrDefault => ExemptLabels ?? ["roadmap::*"];

    /// <summary>Issues opened by these usernames (maintainers) are exempt (case-insensitive).</summary>
    public List<string> ExemptAuthors { get; set; } = [];

    /// <summary>
    /// An issue on one of these milestones (titles, case-insensitive) is exempt; <c>*</c> is any milestone. Default <c>*</c>:
    /// only issues without a milestone are candidates.
    /// </summary>
    public List<string>? ExemptMilestones { get; set; }

    public IReadOnlyList<string> ExemptMilestonesOrDefault => ExemptMilestones ?? ["*"];

    /// <summary>
    /// Only issues opened at or after this time are candidates; unset: the time the lifecycle first ran for the product, so
    /// turning it on never sweeps the existing backlog.
    /// </summary>
    public DateTimeOffset? Since { get; set; }
}
