using System.Globalization;

namespace Sync.Worker.Tests.Observability;

/// <summary>Reads samples out of a Prometheus text exposition (enough for assertions, not a full parser).</summary>
internal static class PrometheusText
{
    /// <summary>Samples of metric <paramref name="name"/> (exact name, e.g. <c>x_total</c> or <c>x_bucket</c>): label text and value.</summary>
    public static IReadOnlyList<(string Labels, double Value)> Samples(string text, string name) =>
        [.. text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(line =>
            {
                var close = line.LastIndexOf('}');
                var labels = close < 0 ? string.Empty : line[(name.Length + 1)..close];
                var rest = line[(close < 0 ? name.Length : close + 1)..].Trim().Split(' ')[0];
                return (labels, double.Parse(rest, NumberStyles.Float, CultureInfo.InvariantCulture));
            })];

    /// <summary>The sum of the samples whose labels contain every one of <paramref name="labels"/> (<c>tracker="github"</c>).</summary>
    public static double Sum(string text, string name, params string[] labels) =>
        Samples(text, name).Where(s => labels.All(l => s.Labels.Contains(l, StringComparison.Ordinal))).Sum(s => s.Value);

    public static bool Has(string text, string name, params string[] labels) =>
        Samples(text, name).Any(s => labels.All(l => s.Labels.Contains(l, StringComparison.Ordinal)));
}
