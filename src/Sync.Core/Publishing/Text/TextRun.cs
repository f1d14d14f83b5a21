using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Sync.Core.Publishing.Text;

/// <summary>
/// One text node as a tracker renders it (character references decoded, backslash escapes resolved), with the way
/// back to the source: a match in the rendered text maps to the source span that produced it, so a rewrite replaces
/// exactly the characters that would have rendered as the match.
/// </summary>
internal sealed partial class TextRun
{
    private readonly StringBuilder _text = new();
    private readonly List<Piece> _pieces = [];

    public string Text => _text.ToString();

    public bool IsEmpty => _text.Length == 0;

    /// <summary>Rendered characters that stand one for one in the source from <paramref name="sourceStart"/>.</summary>
    public void AddVerbatim(string rendered, int sourceStart)
    {
        if (rendered.Length > 0)
        {
            _pieces.Add(new Piece(_text.Length, rendered.Length, sourceStart, sourceStart + rendered.Length, OneToOne: true));
            _text.Append(rendered);
        }
    }

    /// <summary>Rendered characters produced as a whole by the source span <c>[sourceStart, sourceEnd)</c> (an entity, an escape).</summary>
    public void AddAtomic(string rendered, int sourceStart, int sourceEnd)
    {
        if (rendered.Length > 0)
        {
            _pieces.Add(new Piece(_text.Length, rendered.Length, sourceStart, sourceEnd, OneToOne: false));
            _text.Append(rendered);
        }
    }

    /// <summary>
    /// <c>[start, end)</c> of <paramref name="text"/> as HTML renders it: character references decoded, each standing for
    /// its whole reference in the source (text of an HTML block, or a title a tracker may decode).
    /// </summary>
    public static TextRun HtmlDecoded(string text, int start, int end)
    {
        var run = new TextRun();
        var position = start;
        foreach (Match entity in Entity().Matches(text[start..end]))
        {
            var at = start + entity.Index;
            run.AddVerbatim(text[position..at], position);
            var decoded = WebUtility.HtmlDecode(entity.Value);
            if (decoded == entity.Value)
            {
                run.AddVerbatim(decoded, at);
            }
            else
            {
                run.AddAtomic(decoded, at, at + entity.Length);
            }

            position = at + entity.Length;
        }

        run.AddVerbatim(text[position..end], position);
        return run;
    }

    /// <summary>The source span <c>[start, end)</c> that rendered as <c>[renderedStart, renderedEnd)</c>.</summary>
    public (int Start, int End) SourceSpan(int renderedStart, int renderedEnd)
    {
        var first = Find(renderedStart);
        var last = Find(renderedEnd - 1);
        var start = first.OneToOne ? first.SourceStart + (renderedStart - first.RenderedStart) : first.SourceStart;
        var end = last.OneToOne ? last.SourceStart + (renderedEnd - 1 - last.RenderedStart) + 1 : last.SourceEnd;
        return (start, end);
    }

    private Piece Find(int renderedIndex)
    {
        foreach (var piece in _pieces)
        {
            if (renderedIndex >= piece.RenderedStart && renderedIndex < piece.RenderedStart + piece.Length)
            {
                return piece;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(renderedIndex));
    }

    [GeneratedRegex(@"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});", RegexOptions.CultureInvariant)]
    private static partial Regex Entity();

    private readonly record struct Piece(int RenderedStart, int Length, int SourceStart, int SourceEnd, bool OneToOne);
}
