using System.Globalization;
using System.Net;
using System.Text;
using Sync.Core.Storage;

namespace Sync.Worker.Direction;

/// <summary>
/// A small server-rendered SVG line of an issue's stored vote snapshots (unique voters over time), shared by
/// /direction and the dashboard's Demand page. No script, no external resource; the same snapshots always give the
/// same bytes. The picture is never the only carrier: the SVG has a text title and the caller writes the count as text.
/// </summary>
internal static class TrendSparkline
{
    public const int Width = 120;
    public const int Height = 24;

    /// <summary>
    /// The SVG for the snapshots taken in [<paramref name="from"/>, <paramref name="to"/>] (others are ignored), or an
    /// empty string when fewer than two fall in the window (a single point is not a trend).
    /// </summary>
    public static string Svg(IReadOnlyList<VoteSnapshot> snapshots, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The window must end after it starts.");
        }

        var points = snapshots.Where(s => s.TakenAt >= from && s.TakenAt <= to).OrderBy(s => s.TakenAt).ToList();
        if (points.Count < 2)
        {
            return string.Empty;
        }

        var max = Math.Max(1, points.Max(p => p.UniqueVoters));
        var span = (to - from).Ticks;
        var line = new StringBuilder();
        foreach (var point in points)
        {
            var x = (double)(point.TakenAt - from).Ticks / span * (Width - 2) + 1;
            var y = Height - 1 - (double)point.UniqueVoters / max * (Height - 2);
            line.Append(line.Length == 0 ? string.Empty : " ")
                .Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("0.#", CultureInfo.InvariantCulture));
        }

        var first = points[0];
        var last = points[^1];
        var title = string.Create(
            CultureInfo.InvariantCulture,
            $"Voters: {first.UniqueVoters} on {first.TakenAt:yyyy-MM-dd}, {last.UniqueVoters} on {last.TakenAt:yyyy-MM-dd}");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\"><title>{WebUtility.HtmlEncode(title)}</title><polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" points=\"{line}\"/></svg>");
    }
}
