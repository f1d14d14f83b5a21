using System.Text;

namespace Sync.Core.Publishing.Markdown;

/// <summary>
/// Replacements of spans of an original text, applied in one go so that everything no edit touches stays byte for
/// byte. An edit that overlaps one already taken is dropped: callers add outer edits only where they did not
/// descend, so an overlap is a bug that must not corrupt the text (the final guard still checks the result).
/// </summary>
internal sealed class SourceEdits(string text)
{
    private readonly List<(int Start, int End, string Replacement, int Order)> _edits = [];

    public string Text { get; } = text;

    public int Count => _edits.Count;

    /// <summary>Replaces <c>[start, end)</c> with <paramref name="replacement"/>.</summary>
    public void Replace(int start, int end, string replacement)
    {
        if (start < 0 || end > Text.Length || end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"edit [{start},{end}) outside a text of {Text.Length} characters");
        }

        if (end == start && replacement.Length == 0)
        {
            return;
        }

        _edits.Add((start, end, replacement, _edits.Count));
    }

    public void Insert(int at, string text) => Replace(at, at, text);

    public void Delete(int start, int end) => Replace(start, end, string.Empty);

    /// <summary>The text with every non-overlapping edit applied (insertions at a position go before a replacement there).</summary>
    public string Apply()
    {
        if (_edits.Count == 0)
        {
            return Text;
        }

        var ordered = _edits.OrderBy(e => e.Start).ThenBy(e => e.End - e.Start).ThenBy(e => e.Order).ToList();
        var result = new StringBuilder(Text.Length + 64);
        var position = 0;
        foreach (var (start, end, replacement, _) in ordered)
        {
            if (start < position)
            {
                continue; // overlaps an edit already applied
            }

            result.Append(Text, position, start - position).Append(replacement);
            position = end;
        }

        return result.Append(Text, position, Text.Length - position).ToString();
    }
}
