using Sync.Core.Trackers;

namespace Sync.Core.Moving.Planning;

/// <summary>
/// Chooses the target labels: eligibility labels (unless explicitly mapped), dropped labels and the moved label
/// stay behind; the rest are mapped, de-duplicated and sorted so the plan is stable.
/// </summary>
public static class LabelPlanner
{
    /// <summary>Colour for labels the source project does not describe (a neutral blue).</summary>
    public const string DefaultColor = "#6699cc";

    public static IReadOnlyList<TrackerLabel> Plan(IReadOnlyList<string> sourceLabels, MoveRules rules, IReadOnlyList<TrackerLabel> sourceLabelDetails)
    {
        var ignoreCase = StringComparer.OrdinalIgnoreCase;
        var map = new Dictionary<string, string>(rules.LabelMap, ignoreCase);
        var left = new HashSet<string>(rules.DropLabels, ignoreCase) { rules.MovedLabel };
        left.UnionWith(rules.LabelsOrDefault.Where(l => !map.ContainsKey(l)));

        var result = new List<TrackerLabel>();
        foreach (var source in sourceLabels.Where(l => !string.IsNullOrWhiteSpace(l) && !left.Contains(l)))
        {
            var name = map.TryGetValue(source, out var mapped) ? mapped.Trim() : source;
            if (name.Length == 0 || result.Exists(l => ignoreCase.Equals(l.Name, name)))
            {
                continue;
            }

            var details = sourceLabelDetails.FirstOrDefault(l => ignoreCase.Equals(l.Name, source))
                ?? sourceLabelDetails.FirstOrDefault(l => ignoreCase.Equals(l.Name, name));
            result.Add(new TrackerLabel(name, details?.Color ?? DefaultColor, details?.Description));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }
}
