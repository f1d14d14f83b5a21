using Sync.Core.Lifecycle;

namespace Sync.Worker.Configuration;

/// <summary>Rules of a product's voting lifecycle settings; each error is one line naming its key.</summary>
internal static class LifecycleValidation
{
    public static void Validate(string key, LifecycleOptions lifecycle, ProductOptions product, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        ArgumentNullException.ThrowIfNull(product);
        AnnotatedOptions.Validate<LifecycleRules>(new LifecycleRulesAnnotations(), key, lifecycle, errors);

        for (var i = 0; i < lifecycle.LabelsOrDefault.Count; i++)
        {
            LabelName(errors, $"{key}:Labels:{i}", lifecycle.LabelsOrDefault[i]);
        }

        var own = new[] { ("VotingLabel", lifecycle.VotingLabel), ("BacklogLabel", lifecycle.BacklogLabel), ("NotPlannedLabel", lifecycle.NotPlannedLabel) };
        var taken = new List<(string Name, string Label)>();
        foreach (var (name, label) in own)
        {
            if (!LabelName(errors, $"{key}:{name}", label))
            {
                continue;
            }

            if (taken.FirstOrDefault(t => string.Equals(t.Label, label, StringComparison.OrdinalIgnoreCase)) is { Name: { } other })
            {
                errors.Add($"{key}:{name}: '{label}' is also the {other}; the voting, backlog and not-planned labels must differ");
            }
            else if (lifecycle.LabelsOrDefault.Any(l => string.Equals(l.Trim(), label, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"{key}:{name}: '{label}' is also one of Labels (the feature-request labels); use a label of its own");
            }
            else if (lifecycle.ExemptLabelsOrDefault.FirstOrDefault(p => LifecycleDecision.LabelMatches(p, label)) is { } exempt)
            {
                errors.Add($"{key}:{name}: '{label}' is matched by ExemptLabels '{exempt.Trim()}', so it would end the voting it marks");
            }
            else if (product.Rice.Enabled && InScope(label, product.Rice.Scope))
            {
                errors.Add($"{key}:{name}: '{label}' is inside the RICE bucket scope '{product.Rice.Scope}::', whose labels RICE keeps; use another scope");
            }
            else if (product.Roadmap.Enabled && InScope(label, product.Roadmap.LabelScope))
            {
                errors.Add($"{key}:{name}: '{label}' is inside the roadmap label scope '{product.Roadmap.LabelScope}::', whose labels the roadmap keeps; use another scope");
            }

            taken.Add((name, label));
        }

        for (var i = 0; i < lifecycle.ExemptLabelsOrDefault.Count; i++)
        {
            var pattern = lifecycle.ExemptLabelsOrDefault[i].Trim();
            var scoped = pattern.EndsWith("::*", StringComparison.Ordinal);
            var name = scoped ? pattern[..^3] : pattern;
            if (string.IsNullOrWhiteSpace(name) || name.Contains(',', StringComparison.Ordinal) || name.Contains('*', StringComparison.Ordinal))
            {
                errors.Add($"{key}:ExemptLabels:{i}: '{pattern}' must be a label name or 'scope::*' (not empty, no ',', '*' only as '::*')");
            }
        }

        NotEmpty(errors, $"{key}:ExemptAuthors", lifecycle.ExemptAuthors);
        NotEmpty(errors, $"{key}:ExemptMilestones", lifecycle.ExemptMilestonesOrDefault);
    }

    private static bool LabelName(List<string> errors, string key, string? label)
    {
        if (string.IsNullOrWhiteSpace(label) || label.Contains(',', StringComparison.Ordinal))
        {
            errors.Add($"{key}: '{label}' must be a label name (not empty, no ',')");
            return false;
        }

        return true;
    }

    private static void NotEmpty(List<string> errors, string key, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                errors.Add($"{key}:{i}: must not be empty");
            }
        }
    }

    private static bool InScope(string label, string scope) =>
        !string.IsNullOrWhiteSpace(scope) && label.StartsWith(scope.Trim() + "::", StringComparison.OrdinalIgnoreCase);
}
