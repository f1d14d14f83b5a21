namespace Sync.Core.Rice;

/// <summary>How bucket labels are chosen from scores.</summary>
public enum RiceBucketMode
{
    /// <summary>Fixed score thresholds: stable labels, a new issue never moves another one.</summary>
    Thresholds,

    /// <summary>Rank percentiles among the product's scored open issues: adapts to the product's vote volume.</summary>
    Percentiles,
}

/// <summary>
/// RICE for one product: where each factor comes from and how scores become labels. Defaults follow Intercom's
/// RICE: impact 3 (massive), 2, 1, 0.5, 0.25 (minimal); confidence 100 %, 80 %, 50 %; effort in person-months.
/// </summary>
public sealed record RiceRules
{
    /// <summary>The label scope IssueSync keeps exactly one bucket of (<c>rice::top</c> …).</summary>
    public string Scope { get; init; } = "rice";

    /// <summary>An issue with this label keeps whatever bucket label a PM gave it.</summary>
    public string OverrideLabel { get; init; } = "rice::manual";

    /// <summary>Post and maintain the explanatory comment.</summary>
    public bool Comment { get; init; } = true;

    /// <summary>Reach per unique voter in the votes window.</summary>
    public double ReachPerVoter { get; init; } = 1;

    /// <summary>Labels that add reach (for example <c>customer</c> = 5, <c>sales-request</c> = 5), name to reach.</summary>
    public IReadOnlyDictionary<string, double> ReachLabels { get; init; } = new Dictionary<string, double>();

    public string ImpactScope { get; init; } = "impact";

    /// <summary>Label value (after <c>impact::</c>) to impact.</summary>
    public IReadOnlyDictionary<string, double> ImpactScale { get; init; } = new Dictionary<string, double>
    {
        ["3"] = 3, ["2"] = 2, ["1"] = 1, ["0.5"] = 0.5, ["0.25"] = 0.25,
    };

    public string ConfidenceScope { get; init; } = "confidence";

    /// <summary>Label value (after <c>confidence::</c>) to confidence in percent.</summary>
    public IReadOnlyDictionary<string, double> ConfidenceScale { get; init; } = new Dictionary<string, double>
    {
        ["100"] = 100, ["80"] = 80, ["50"] = 50,
    };

    /// <summary>Confidence in percent when an issue has no confidence label: low, so a guess never outranks an estimate.</summary>
    public double DefaultConfidence { get; init; } = 50;

    /// <summary>Label scope whose value is person-months (<c>effort::0.5</c>, <c>effort::3</c>).</summary>
    public string EffortScope { get; init; } = "effort";

    /// <summary>Without an effort label, use the GitLab issue weight.</summary>
    public bool UseWeight { get; init; } = true;

    /// <summary>Person-months per weight point.</summary>
    public double MonthsPerWeight { get; init; } = 1;

    public RiceBucketMode Mode { get; init; } = RiceBucketMode.Thresholds;

    /// <summary>Minimum scores for top, high and medium (thresholds mode); anything lower is low.</summary>
    public RiceCutoffs Thresholds { get; init; } = new(Top: 50, High: 20, Medium: 5);

    /// <summary>Cumulative rank percentages for top, high and medium (percentiles mode); the rest is low.</summary>
    public RiceCutoffs Percentiles { get; init; } = new(Top: 10, High: 30, Medium: 60);

    public string LabelOf(RiceBucket bucket) => $"{Scope}::{RiceBuckets.ValueOf(bucket)}";

    /// <summary>True for a label of the bucket scope other than the override label.</summary>
    public bool IsBucketLabel(string label) =>
        label.StartsWith(Scope + "::", StringComparison.OrdinalIgnoreCase) &&
        !string.Equals(label, OverrideLabel, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Three cut-offs, top ≥ high ≥ medium (scores), or top ≤ high ≤ medium (percentages).</summary>
public sealed record RiceCutoffs(double Top, double High, double Medium);
