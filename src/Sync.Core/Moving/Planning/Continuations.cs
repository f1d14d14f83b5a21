using System.Globalization;
using Sync.Core.Publishing.Markdown;

namespace Sync.Core.Moving.Planning;

/// <summary>
/// Carries a text too long for one body of the target (a GitHub description or comment holds 65,536 characters) as the
/// body plus continuation comments. Every part says that it continues or is continued, and each continuation carries its
/// own hidden marker so a resumed move finds a part already written and never writes it twice.
/// </summary>
public static class Continuations
{
    /// <summary>Room kept for part numbers in notices and markers, so the parts are cut before their count is known.</summary>
    private const int WidestNumber = 999_999;

    /// <summary>The line that ends every part but the last.</summary>
    public static string ContinuesBelow(int part, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"*(continued in the next comment: part {part} of {count})*");

    /// <summary>The line that opens every continuation comment.</summary>
    public static string ContinuedFromAbove(int part, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"*(continued: part {part} of {count})*");

    /// <summary>
    /// The body as <see cref="Attribution.Compose"/> makes it when it fits <paramref name="firstLimit"/>; else the first
    /// part (header, text, the "continued" line, <paramref name="marker"/>) and the continuation comments, each within
    /// <paramref name="restLimit"/>.
    /// </summary>
    /// <param name="partMarker">The hidden marker of continuation part (part, count).</param>
    /// <param name="reserve">Characters the text may still grow by after planning (upload links put in for tokens).</param>
    public static IReadOnlyList<string> Compose(
        string header, string text, string marker, Func<int, int, string> partMarker, int firstLimit, int restLimit, int reserve)
    {
        ArgumentNullException.ThrowIfNull(partMarker);
        var whole = Attribution.Compose(header, text, marker);
        if (whole.Length + reserve <= firstLimit)
        {
            return [whole];
        }

        var ends = 2 + ContinuesBelow(WidestNumber, WidestNumber).Length;
        var firstRoom = firstLimit - reserve - (header.Length + 2 + ends + 2 + marker.Length);
        var restRoom = restLimit - reserve - (ContinuedFromAbove(WidestNumber, WidestNumber).Length + 2 + ends + 2 + partMarker(WidestNumber, WidestNumber).Length);
        var chunks = MarkdownSplitter.Split(text, firstRoom, restRoom);
        var count = chunks.Count;
        var parts = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var part = i + 1;
            var lead = i == 0 ? header : ContinuedFromAbove(part, count);
            var tail = part < count ? $"\n\n{ContinuesBelow(part, count)}" : string.Empty;
            parts.Add($"{lead}\n\n{chunks[i]}{tail}\n\n{(i == 0 ? marker : partMarker(part, count))}");
        }

        return parts;
    }
}
