namespace Sync.Core.Rice;

/// <summary>Label changes that leave exactly one bucket label of the scope on an issue.</summary>
public sealed record RiceLabelChange(IReadOnlyList<string> Add, IReadOnlyList<string> Remove)
{
    public bool IsEmpty => Add.Count == 0 && Remove.Count == 0;

    public override string ToString() =>
        string.Join(" ", Add.Select(l => "+" + l).Concat(Remove.Select(l => "-" + l)));
}

/// <summary>Plans bucket labels and defines how IssueSync's labels look when it creates them.</summary>
public static class RiceLabels
{
    /// <summary>
    /// The change from <paramref name="current"/> to exactly one label of the scope, <paramref name="bucket"/>'s;
    /// nothing at all when the issue carries the override label. A second bucket label a human added is removed.
    /// </summary>
    public static RiceLabelChange Plan(IReadOnlyList<string> current, RiceBucket bucket, RiceRules rules)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(rules);
        if (IsManual(current, rules))
        {
            return new RiceLabelChange([], []);
        }

        var wanted = rules.LabelOf(bucket);
        var has = current.Any(l => string.Equals(l, wanted, StringComparison.OrdinalIgnoreCase));
        var remove = current
            .Where(l => rules.IsBucketLabel(l) && !string.Equals(l, wanted, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new RiceLabelChange(has ? [] : [wanted], remove);
    }

    /// <summary>
    /// <paramref name="change"/> plus the reminder label (<see cref="RiceRules.NeedsInputReminderLabel"/>, when set):
    /// added while a reminder is due, removed otherwise.
    /// </summary>
    public static RiceLabelChange WithReminder(RiceLabelChange change, IReadOnlyList<string> current, bool due, RiceRules rules)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.NeedsInputReminderLabel is not { } label)
        {
            return change;
        }

        var has = current.Where(l => string.Equals(l, label, StringComparison.OrdinalIgnoreCase)).ToList();
        return due && has.Count == 0 ? change with { Add = [.. change.Add, label] }
            : !due && has.Count > 0 ? change with { Remove = [.. change.Remove, .. has] }
            : change;
    }

    public static bool IsManual(IReadOnlyList<string> labels, RiceRules rules) =>
        labels.Any(l => string.Equals(l, rules.OverrideLabel, StringComparison.OrdinalIgnoreCase));

    /// <summary>Colour (<c>#RRGGBB</c>) and description of a bucket label, for creating it when missing.</summary>
    public static (string Color, string Description) Look(RiceBucket bucket, RiceRules rules) => bucket switch
    {
        RiceBucket.Top => ("#B60205", "RICE score in the top bucket (kept by IssueSync)"),
        RiceBucket.High => ("#D93F0B", "RICE score in the high bucket (kept by IssueSync)"),
        RiceBucket.Medium => ("#FBCA04", "RICE score in the medium bucket (kept by IssueSync)"),
        RiceBucket.Low => ("#C5DEF5", "RICE score in the low bucket (kept by IssueSync)"),
        RiceBucket.NeedsInput => ("#BFBFBF", $"RICE needs an {rules.ImpactScope}:: label and an effort estimate (kept by IssueSync)"),
        _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, null),
    };
}
