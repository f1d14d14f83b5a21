using System.Buffers;
using System.Globalization;
using System.Text;

namespace Sync.Core.Publishing.Secrets;

/// <summary>
/// A text as the scanner reads it, with every character mapped back to the span of the original text it came from.
/// <see cref="Decode"/> drops Unicode format characters (zero-width space and joiners, BOM, soft hyphen…) and decodes
/// percent-escapes (UTF-8 included), HTML character references and Markdown backslash escapes, the ways a token can be
/// spelled in issue text so that it renders or travels whole while no rule sees it. It repeats while something
/// changes (at most three times), so a double encoding such as <c>%255F</c> or <c>&amp;amp;#95;</c> is seen through too.
/// </summary>
internal sealed class TextView
{
    private const int MaxPasses = 3;

    // Null for the original text itself: view position i is original position i.
    private readonly int[]? _start;
    private readonly int[]? _end;

    private TextView(string text, int[]? start, int[]? end)
    {
        Text = text;
        _start = start;
        _end = end;
    }

    public string Text { get; }

    /// <summary>True when the view differs from the original text.</summary>
    public bool IsDecoded => _start is not null;

    public static TextView Original(string text) => new(text, null, null);

    public static TextView Decode(string text)
    {
        var view = Original(text);
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var (decoded, start, end) = DecodeOnce(view.Text);
            if (decoded.Length == view.Text.Length)
            {
                break;
            }

            // Compose: positions of this pass point into the previous view, whose positions point into the original.
            view = new TextView(
                decoded,
                [.. start.Select(view.OriginalStart)],
                [.. end.Select(e => view.OriginalEnd(e))]);
        }

        return view;
    }

    /// <summary>The original span that view span [<paramref name="start"/>, <paramref name="start"/>+<paramref name="length"/>) came from.</summary>
    public (int Start, int Length) ToOriginal(int start, int length)
    {
        var originalStart = OriginalStart(start);
        return (originalStart, OriginalEnd(start + length) - originalStart);
    }

    /// <summary>
    /// True when something was dropped or decoded right before view position <paramref name="index"/>, or the
    /// character there was itself decoded: a token may start there even though a letter precedes it in the view.
    /// </summary>
    public bool SeamBefore(int index)
    {
        if (_start is null || _end is null || index <= 0 || index >= Text.Length)
        {
            return false;
        }

        return _start[index] != _end[index - 1] || _end[index] - _start[index] != 1 || _end[index - 1] - _start[index - 1] != 1;
    }

    private int OriginalStart(int index) => _start?[index] ?? index;

    /// <summary>The original end of the view span that ends (exclusively) at <paramref name="endExclusive"/>.</summary>
    private int OriginalEnd(int endExclusive) => endExclusive == 0 ? OriginalStart(0) : _end?[endExclusive - 1] ?? endExclusive;

    /// <returns>The decoded text; for each of its characters the start and exclusive end in <paramref name="text"/>.</returns>
    private static (string Text, List<int> Start, List<int> End) DecodeOnce(string text)
    {
        var result = new StringBuilder(text.Length);
        var start = new List<int>(text.Length);
        var end = new List<int>(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            string decoded;
            int length;
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) == OperationStatus.Done && IsFormat(rune))
            {
                (decoded, length) = ("", consumed);
            }
            else if (text[i] == '%' && TryPercent(text, i, out rune, out length))
            {
                decoded = rune.ToString();
            }
            else if (text[i] == '&' && HtmlReferences.TryDecode(text, i, out decoded, out length))
            {
            }
            else if (text[i] == '\\' && i + 1 < text.Length && IsAsciiPunctuation(text[i + 1]))
            {
                (decoded, length) = (text[i + 1].ToString(), 2);
            }
            else
            {
                (decoded, length) = (text[i].ToString(), 1);
            }

            foreach (var piece in decoded.EnumerateRunes())
            {
                if (IsFormat(piece))
                {
                    continue;
                }

                var chars = piece.Utf16SequenceLength;
                result.Append(piece.ToString());
                for (var k = 0; k < chars; k++)
                {
                    start.Add(i);
                    end.Add(i + length);
                }
            }

            i += length;
        }

        return (result.ToString(), start, end);
    }

    /// <summary>The characters CommonMark lets a backslash escape.</summary>
    private static bool IsAsciiPunctuation(char c) => c is > ' ' and < '\u007F' && !char.IsAsciiLetterOrDigit(c);

    private static bool IsFormat(Rune rune) => Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format;

    /// <summary>Decodes one percent-encoded code point: a single byte below 0x80, or a complete UTF-8 sequence.</summary>
    private static bool TryPercent(string text, int index, out Rune rune, out int length)
    {
        (rune, length) = (default, 0);
        Span<byte> bytes = stackalloc byte[4];
        if (!TryByte(text, index, out bytes[0]))
        {
            return false;
        }

        var count = bytes[0] switch
        {
            < 0x80 => 1,
            >= 0xC2 and <= 0xDF => 2,
            >= 0xE0 and <= 0xEF => 3,
            >= 0xF0 and <= 0xF4 => 4,
            _ => 0,
        };
        for (var k = 1; k < count; k++)
        {
            if (!TryByte(text, index + (3 * k), out bytes[k]))
            {
                return false;
            }
        }

        if (count == 0 || Rune.DecodeFromUtf8(bytes[..count], out rune, out _) != OperationStatus.Done)
        {
            return false;
        }

        length = 3 * count;
        return true;
    }

    private static bool TryByte(string text, int index, out byte value)
    {
        value = 0;
        return index + 2 < text.Length && text[index] == '%'
            && byte.TryParse(text.AsSpan(index + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
