using System.Text;

namespace Sync.Core.Publishing.Text;

/// <summary>
/// One text node as a tracker renders it (character references decoded, backslash escapes resolved), with the way
/// back to the source: a match in the rendered text maps to the source span that produced it, so a rewrite replaces
/// exactly the characters that would have rendered as the match.
/// </summary>
internal sealed class TextRun
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

    private readonly record struct Piece(int RenderedStart, int Length, int SourceStart, int SourceEnd, bool OneToOne);
}
