using System.ComponentModel.DataAnnotations;

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
/// RICE for one product: where each factor comes from and how scores become labels. The Worker binds
/// <c>IssueSync:Products:&lt;key&gt;:Rice</c> straight into this type, so these are the only defaults. Defaults follow
/// Intercom's RICE: impact 3 (massive), 2, 1, 0.5, 0.25 (minimal); confidence 100 %, 80 %, 50 %; effort in person-months.
/// </summary>
public record RiceRules
{
    /// <summary>Intercom's impact scale, used when <see cref="ImpactScale"/> is not configured.</summary>
    public static IReadOnlyDictionary<string, double> DefaultImpactScale { get; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["3"] = 3, ["2"] = 2, ["1"] = 1, ["0.5"] = 0.5, ["0.25"] = 0.25,
    };

    /// <summary>Intercom's confidence scale in percent, used when <see cref="ConfidenceScale"/> is not configured.</summary>
    public static IReadOnlyDictionary<string, double> DefaultConfidenceScale { get; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["100"] = 100, ["80"] = 80, ["50"] = 50,
    };

    /// <summary>The label scope IssueSync keeps exactly one bucket of (<c>rice::top</c> …).</summary>
    public string Scope { get; set => field = value.Trim(); } = "rice";

    /// <summary>An issue with this label keeps whatever bucket label a PM gave it.</summary>
    public string OverrideLabel { get; set => field = value.Trim(); } = "rice::manual";

    /// <summary>Post and maintain the explanatory comment.</summary>
    public bool Comment { get; set; } = true;

    /// <summary>Reach per unique voter in the votes window.</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "{{value}} must be a number of at least {1}")]
    public double ReachPerVoter { get; set; } = 1;

    /// <summary>Labels that add reach (for example <c>customer</c> = 5, <c>sales-request</c> = 5), name to reach.</summary>
    public Dictionary<string, double> ReachLabels { get; set => field = new(value, StringComparer.OrdinalIgnoreCase); } = new(StringComparer.OrdinalIgnoreCase);

    public string ImpactScope { get; set => field = value.Trim(); } = "impact";

    /// <summary>
    /// Label value (after <c>impact::</c>) to impact, as configured: a scale that is set replaces the default whole, so
    /// null means <see cref="DefaultImpactScale"/> (a default dictionary would be merged into by the binder). Read
    /// <see cref="ImpactScaleOrDefault"/>.
    /// </summary>
    public Dictionary<string, double>? ImpactScale { get; set => field = value is null ? null : new(value, StringComparer.OrdinalIgnoreCase); }

    /// <summary>Label value (after <c>impact::</c>) to impact.</summary>
    public IReadOnlyDictionary<string, double> ImpactScaleOrDefault => ImpactScale ?? DefaultImpactScale;

    public string ConfidenceScope { get; set => field = value.Trim(); } = "confidence";

    /// <summary>Label value (after <c>confidence::</c>) to confidence in percent, as configured (null: the default scale).</summary>
    public Dictionary<string, double>? ConfidenceScale { get; set => field = value is null ? null : new(value, StringComparer.OrdinalIgnoreCase); }

    /// <summary>Label value (after <c>confidence::</c>) to confidence in percent.</summary>
    public IReadOnlyDictionary<string, double> ConfidenceScaleOrDefault => ConfidenceScale ?? DefaultConfidenceScale;

    /// <summary>Confidence in percent when an issue has no confidence label: low, so a guess never outranks an estimate.</summary>
    [Range(0d, 100d, MinimumIsExclusive = true, ErrorMessage = "{{value}} must be a percentage above {1} and at most {2}")]
    public double DefaultConfidence { get; set; } = 50;

    /// <summary>Label scope whose value is person-months (<c>effort::0.5</c>, <c>effort::3</c>).</summary>
    public string EffortScope { get; set => field = value.Trim(); } = "effort";

    /// <summary>Without an effort label, use the GitLab issue weight.</summary>
    public bool UseWeight { get; set; } = true;

    /// <summary>Person-months per weight point.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "{{value}} must be a number of person-months above {1}")]
    public double MonthsPerWeight { get; set; } = 1;

    /// <summary>
    /// <c>Thresholds</c> or <c>Percentiles</c>, in any case. Text, so that a typo in a product that does not enable RICE
    /// binds and a product that does gets a one-line message instead of a binder exception. Read <see cref="BucketMode"/>.
    /// </summary>
    public string Mode { get; set; } = nameof(RiceBucketMode.Thresholds);

    /// <summary>The parsed <see cref="Mode"/> (validated at start-up).</summary>
    public RiceBucketMode BucketMode => Enum.Parse<RiceBucketMode>(Mode, ignoreCase: true);

    /// <summary>Minimum scores for top, high and medium (thresholds mode); anything lower is low.</summary>
    public RiceCutoffs Thresholds { get; set; } = new(Top: 50, High: 20, Medium: 5);

    /// <summary>Cumulative rank percentages for top, high and medium (percentiles mode); the rest is low.</summary>
    public RiceCutoffs Percentiles { get; set; } = new(Top: 10, High: 30, Medium: 60);

    /// <summary>
    /// Days an issue may need input (no score: impact or effort missing) before its RICE comment gets one reminder naming
    /// what is missing; 0 turns reminders off. Counted from the pass that first found it needing input.
    /// </summary>
    [Range(0, 365, ErrorMessage = "{{value}} is outside {1} to {2} days (0 turns reminders off)")]
    public int NeedsInputReminderDays { get; set; } = 14;

    /// <summary>
    /// Optional label put on an issue while its reminder is due (removed once it has its inputs), so PMs can filter the
    /// overdue ones; unset: no label. Must lie outside the bucket scope.
    /// </summary>
    public string? NeedsInputReminderLabel { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }

    public string LabelOf(RiceBucket bucket) => $"{Scope}::{RiceBuckets.ValueOf(bucket)}";

    /// <summary>True for a label of the bucket scope other than the override label.</summary>
    public bool IsBucketLabel(string label) =>
        label.StartsWith(Scope + "::", StringComparison.OrdinalIgnoreCase) &&
        !string.Equals(label, OverrideLabel, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Three cut-offs, top ≥ high ≥ medium (scores), or top ≤ high ≤ medium (percentages). Settable so that the binder
/// overrides one cut-off and keeps the defaults of the others.
/// </summary>
public sealed record RiceCutoffs(double Top, double High, double Medium)
{
    public RiceCutoffs()
        : this(0, 0, 0)
    {
    }

    public double Top { get; set; } = Top;

    public double High { get; set; } = High;

    public double Medium { get; set; } = Medium;
}
