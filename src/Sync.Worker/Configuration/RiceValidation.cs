using System.Globalization;

namespace Sync.Worker.Configuration;

/// <summary>Cross-field rules of a product's RICE settings; each error names its key.</summary>
internal static class RiceValidation
{
    public static void Validate(string key, RiceOptions rice, List<string> errors)
    {
        foreach (var (name, scope) in new[] { ("Scope", rice.Scope), ("ImpactScope", rice.ImpactScope), ("ConfidenceScope", rice.ConfidenceScope), ("EffortScope", rice.EffortScope) })
        {
            if (string.IsNullOrWhiteSpace(scope) || scope.Contains("::", StringComparison.Ordinal) || scope.Contains(',', StringComparison.Ordinal))
            {
                errors.Add($"{key}:{name}: '{scope}' must be a label scope such as 'rice' (not empty, no '::' or ',')");
            }
        }

        if (string.IsNullOrWhiteSpace(rice.OverrideLabel) || rice.OverrideLabel.Contains(',', StringComparison.Ordinal))
        {
            errors.Add($"{key}:OverrideLabel: '{rice.OverrideLabel}' must be a label name (not empty, no ',')");
        }
        else if (Enum.GetValues<Sync.Core.Rice.RiceBucket>().Any(b => string.Equals(rice.OverrideLabel, $"{rice.Scope}::{Sync.Core.Rice.RiceBuckets.ValueOf(b)}", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add($"{key}:OverrideLabel: '{rice.OverrideLabel}' is one of the bucket labels it is meant to protect");
        }

        if (rice.NeedsInputReminderLabel is { } reminder
            && (reminder.Contains(',', StringComparison.Ordinal) || rice.IsBucketLabel(reminder) || string.Equals(reminder, rice.OverrideLabel, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add($"{key}:NeedsInputReminderLabel: '{reminder}' must be a label outside the '{rice.Scope}::' bucket scope, not the override label, with no ','");
        }

        foreach (var (label, reach) in rice.ReachLabels)
        {
            AtLeast(errors, $"{key}:ReachLabels:{label}", reach, 0);
        }

        Scale(errors, $"{key}:ImpactScale", rice.ImpactScale, max: double.MaxValue);
        Scale(errors, $"{key}:ConfidenceScale", rice.ConfidenceScale, max: 100);
        AnnotatedOptions.Validate<Sync.Core.Rice.RiceRules>(new RiceRulesAnnotations(), key, rice, errors);

        if (!Enum.GetNames<Sync.Core.Rice.RiceBucketMode>().Contains(rice.Mode, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{key}:Mode: '{rice.Mode}' is neither 'Thresholds' nor 'Percentiles'");
        }

        var t = rice.Thresholds;
        if (!(double.IsFinite(t.Top) && double.IsFinite(t.High) && double.IsFinite(t.Medium) && t.Top >= t.High && t.High >= t.Medium && t.Medium >= 0))
        {
            errors.Add($"{key}:Thresholds: Top {Text(t.Top)}, High {Text(t.High)}, Medium {Text(t.Medium)} must be scores with Top >= High >= Medium >= 0");
        }

        var p = rice.Percentiles;
        if (!(p.Top > 0 && p.Top <= p.High && p.High <= p.Medium && p.Medium <= 100))
        {
            errors.Add($"{key}:Percentiles: Top {Text(p.Top)}, High {Text(p.High)}, Medium {Text(p.Medium)} must be cumulative percentages with 0 < Top <= High <= Medium <= 100");
        }
    }

    private static void Scale(List<string> errors, string key, Dictionary<string, double>? scale, double max)
    {
        if (scale is null)
        {
            return;
        }

        if (scale.Count == 0)
        {
            errors.Add($"{key}: is empty; remove the key to use the default scale");
        }

        foreach (var (value, factor) in scale)
        {
            if (string.IsNullOrWhiteSpace(value) || !double.IsFinite(factor) || factor <= 0 || factor > max)
            {
                errors.Add($"{key}:{value}: {Text(factor)} must be above 0{(max < double.MaxValue ? $" and at most {Text(max)}" : string.Empty)}");
            }
        }
    }

    private static void AtLeast(List<string> errors, string key, double value, double min)
    {
        if (!double.IsFinite(value) || value < min)
        {
            errors.Add($"{key}: {Text(value)} must be a number of at least {Text(min)}");
        }
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
