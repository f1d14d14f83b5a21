using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Sync.Core.Publishing.Markdown;

/// <summary>
/// Cuts a Markdown text too long for one tracker body into consecutive parts, each within its budget (in UTF-16 units).
/// The cuts fall where the text is parsed to allow them: between top-level blocks first, then between lines, then after
/// a space, never inside a link, autolink, code span, HTML tag or block, table, or surrogate pair, and never where the
/// next part would begin with a command line (<see cref="CommandLines"/>). A cut inside a fenced
/// code block closes the fence at the end of the part and reopens it (same fence and info string) at the start of the
/// next. Apart from those fence lines, the parts concatenate to the text exactly.
/// </summary>
public static class MarkdownSplitter
{
    /// <summary>The smallest budget a part may have: room for a reopened fence and some text.</summary>
    public const int MinBudget = 256;

    /// <param name="firstBudget">Room for the first part (it shares the body with a header and notices).</param>
    /// <param name="budget">Room for every later part.</param>
    /// <returns>The text itself when it fits the first budget, else two or more parts.</returns>
    public static IReadOnlyList<string> Split(string text, int firstBudget, int budget)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= firstBudget)
        {
            return [text];
        }

        if (firstBudget < MinBudget || budget < MinBudget)
        {
            throw new ArgumentOutOfRangeException(nameof(budget), $"a part needs room for at least {MinBudget} characters");
        }

        var map = new CutMap(text);
        var parts = new List<string>();
        var start = 0;
        var reopen = string.Empty;
        var room = firstBudget;
        while (true)
        {
            var available = room - reopen.Length;
            if (text.Length - start <= available)
            {
                parts.Add(reopen + text[start..]);
                return parts;
            }

            var cut = map.BestCut(start, start + available - map.CloseReserve);
            var fence = map.FenceAround(cut);
            var close = fence is null ? string.Empty : (text[cut - 1] == '\n' ? string.Empty : "\n") + fence.Close;
            parts.Add(string.Concat(reopen, text.AsSpan(start, cut - start), close));
            reopen = fence is null ? string.Empty : fence.Open + "\n";
            start = cut;
            room = budget;
        }
    }

    /// <summary>A fenced code block: its opening line, its closing marker, and where its content lies.</summary>
    private sealed record Fence(string Open, string Close, int ContentStart, int ContentEnd);

    /// <summary>Where the text may be cut, by preference.</summary>
    private sealed class CutMap
    {
        private readonly string _text;

        /// <summary>Cutting right before this position would split a construct that must stay whole.</summary>
        private readonly bool[] _blocked;

        private readonly List<int> _blocks = [];
        private readonly List<int> _lines = [];
        private readonly List<int> _spaces = [];
        private readonly List<Fence> _fences = [];

        public CutMap(string text)
        {
            _text = text;
            _blocked = new bool[text.Length + 1];
            var document = Markdig.Markdown.Parse(text, MarkdownRewriter.Pipeline);
            foreach (var node in document.Descendants())
            {
                switch (node)
                {
                    case FencedCodeBlock fenced:
                        AddFence(fenced);
                        break;
                    case HtmlBlock or Table or LinkReferenceDefinition:
                        Block(node.Span.Start, node.Span.End);
                        break;
                }
            }

            foreach (var inline in document.Descendants<Inline>())
            {
                if (inline is LinkInline or AutolinkInline or HtmlInline or CodeInline)
                {
                    Block(inline.Span.Start, inline.Span.End);
                }
            }

            // Every part begins a line of its own body: a cut right before "/close" (or the blanks in front of it) would
            // make a command line of text that was harmless mid-line, which GitLab runs and the final check refuses.
            for (var slash = text.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = text.IndexOf('/', slash + 1))
            {
                for (var p = Math.Max(1, slash - 3); p <= slash; p++)
                {
                    _blocked[p] |= CommandLines.StartsCommandLine(text, p);
                }
            }

            foreach (var block in document.Skip(1))
            {
                var at = LineStart(block.Span.Start);
                if (at > 0 && !_blocked[at])
                {
                    _blocks.Add(at);
                }
            }

            for (var i = 0; i < text.Length; i++)
            {
                if (_blocked[i + 1])
                {
                    continue;
                }

                if (text[i] == '\n')
                {
                    _lines.Add(i + 1);
                }
                else if (text[i] is ' ' or '\t' && FenceAround(i + 1) is null)
                {
                    _spaces.Add(i + 1);
                }
            }

            _blocks.Sort();
            CloseReserve = _fences.Count == 0 ? 0 : _fences.Max(f => f.Close.Length) + 1;
        }

        /// <summary>Room to keep free in a part for closing a fence the cut falls in.</summary>
        public int CloseReserve { get; }

        /// <summary>
        /// The fence a cut at <paramref name="position"/> would leave open (from right after its opening line to right before
        /// its closing line), if any.
        /// </summary>
        public Fence? FenceAround(int position) =>
            _fences.Find(f => position >= f.ContentStart && position <= f.ContentEnd);

        /// <summary>The best cut in (<paramref name="start"/>, <paramref name="max"/>]: a preferred kind in the upper half, else any.</summary>
        public int BestCut(int start, int max)
        {
            if (max <= start)
            {
                throw new ArgumentOutOfRangeException(nameof(max), "no room left for text in a part");
            }

            var half = start + ((max - start) / 2);
            foreach (var candidates in new[] { _blocks, _lines, _spaces })
            {
                if (Last(candidates, max) is { } cut && cut > half)
                {
                    return cut;
                }
            }

            foreach (var candidates in new[] { _blocks, _lines, _spaces })
            {
                if (Last(candidates, max) is { } cut && cut > start)
                {
                    return cut;
                }
            }

            // One line longer than a part: cut anywhere that is not inside a construct, else anywhere but a surrogate pair.
            for (var p = max; p > start; p--)
            {
                if (!_blocked[p] && !InsidePair(p))
                {
                    return p;
                }
            }

            return InsidePair(max) ? max - 1 : max;
        }

        private static int? Last(List<int> sorted, int max)
        {
            var i = sorted.BinarySearch(max);
            i = i >= 0 ? i : ~i - 1;
            return i >= 0 ? sorted[i] : null;
        }

        private bool InsidePair(int p) => p > 0 && p < _text.Length && char.IsHighSurrogate(_text[p - 1]) && char.IsLowSurrogate(_text[p]);

        /// <summary>No cut between the first and the last character of a span (both inclusive).</summary>
        private void Block(int first, int last)
        {
            for (var p = Math.Max(first + 1, 1); p <= Math.Min(last, _text.Length - 1); p++)
            {
                _blocked[p] = true;
            }
        }

        private void AddFence(FencedCodeBlock fenced)
        {
            var openStart = LineStart(fenced.Span.Start);
            var openEnd = _text.IndexOf('\n', openStart);
            if (openEnd < 0)
            {
                return; // a fence line alone at the end: nothing inside to cut
            }

            var marker = new string(fenced.FencedChar, Math.Max(3, fenced.OpeningFencedCharCount));
            var indent = new string(' ', fenced.IndentCount);
            // Markdig leaves the lines of an unterminated fence out of its span: such a fence runs to the end of the text.
            var closed = fenced.ClosingFencedCharCount > 0;
            var contentEnd = closed ? LineStart(fenced.Span.End) : _text.Length;
            Block(openStart, openEnd);
            if (closed)
            {
                Block(contentEnd, fenced.Span.End + 1);
            }

            _fences.Add(new Fence(_text[openStart..openEnd].TrimEnd('\r'), indent + marker, openEnd + 1, contentEnd));
        }

        private int LineStart(int position)
        {
            position = Math.Clamp(position, 0, _text.Length);
            return position == 0 ? 0 : _text.LastIndexOf('\n', position - 1) + 1;
        }
    }
}
