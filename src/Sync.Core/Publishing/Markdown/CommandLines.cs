using System.Text;
using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace Sync.Core.Publishing.Markdown;

/// <summary>
/// Copied text never runs a command. GitLab runs quick actions in issue descriptions and notes written through the API:
/// the regex extractor (<c>lib/gitlab/quick_actions/extractor.rb</c>) takes any line that starts, at column 0, with
/// <c>/name</c> (names folded case-insensitively, Unicode included) outside the blocks its own regex protects (a
/// <c>~~~</c> fence does not); the newer Markdown-based detection (flag <c>quick_action_refactor</c>) takes a paragraph
/// line whose text starts with <c>/name</c>, leading spaces stripped. Bots on GitHub (Prow, slash-command actions) read
/// <c>^/command</c> lines too. So no line written publicly starts, after at most three spaces, with '/' and a letter:
/// <list type="bullet">
/// <item>in Markdown prose the slash is escaped (<c>\/close</c> renders as <c>/close</c>);</item>
/// <item>in an HTML block it becomes <c>&amp;#47;</c>;</item>
/// <item>a fenced code block holding such a line becomes an indented code block (same code, no line at column 0).</item>
/// </list>
/// </summary>
internal static partial class CommandLines
{
    public static bool HasCommandLine(string text) => CommandLine().IsMatch(text);

    /// <summary>Whether a line beginning at <paramref name="position"/> of <paramref name="text"/> would be a command line.</summary>
    public static bool StartsCommandLine(string text, int position) => CommandLineAt().IsMatch(text, position);

    public static string Neutralise(string text, Findings findings)
    {
        for (var round = 0; round < 3 && HasCommandLine(text); round++)
        {
            var document = Markdig.Markdown.Parse(text, MarkdownRewriter.Pipeline);
            var edits = new SourceEdits(text);
            var converted = new HashSet<Block>();
            foreach (Match line in CommandLine().Matches(text))
            {
                findings.Add("quick-action");
                var slash = line.Index + line.Length;
                switch (Innermost(document, slash))
                {
                    case CodeBlock code when converted.Add(code):
                        edits.Replace(code.Span.Start, Math.Min(EndOf(code) + 1, text.Length), Indented(text, code));
                        break;
                    case CodeBlock:
                        break;
                    case HtmlBlock:
                        edits.Replace(slash, slash + 1, "&#47;");
                        break;
                    default:
                        edits.Insert(slash, "\\");
                        break;
                }
            }

            text = edits.Apply();
        }

        return text;
    }

    private static Block? Innermost(ContainerBlock container, int position)
    {
        foreach (var block in container)
        {
            if (position < block.Span.Start || position > EndOf(block))
            {
                continue;
            }

            return block is ContainerBlock inner && Innermost(inner, position) is { } deeper ? deeper : block;
        }

        return null;
    }

    /// <summary>Where a block really ends: Markdig leaves the lines of an unterminated fence out of its span.</summary>
    private static int EndOf(Block block)
    {
        if (block is LeafBlock { Lines.Count: > 0 } leaf)
        {
            var last = leaf.Lines.Lines[leaf.Lines.Count - 1];
            return Math.Max(block.Span.End, last.Position + last.Slice.Length - 1);
        }

        return block.Span.End;
    }

    /// <summary>The block's code lines, each indented four spaces, after a blank line (indented code cannot interrupt a paragraph).</summary>
    private static string Indented(string text, CodeBlock code)
    {
        var result = new StringBuilder();
        var start = code.Span.Start;
        if (start > 0 && !(start >= 2 && text[start - 1] == '\n' && text[start - 2] == '\n') && text[start - 1] == '\n')
        {
            result.Append('\n');
        }

        var lines = code.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            result.Append(i == 0 ? string.Empty : "\n").Append("    ").Append(lines.Lines[i].Slice.ToString());
        }

        return result.Length == 0 ? "    " : result.ToString();
    }

    [GeneratedRegex(@"^[ \t]{0,3}(?=/\p{L})", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex CommandLine();

    /// <summary><see cref="CommandLine"/>'s rule anchored where the match is asked to start.</summary>
    [GeneratedRegex(@"\G[ \t]{0,3}(?=/\p{L})", RegexOptions.CultureInvariant)]
    private static partial Regex CommandLineAt();
}
