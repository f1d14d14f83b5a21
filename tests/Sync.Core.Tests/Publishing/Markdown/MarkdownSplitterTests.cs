using System.Text;
using Sync.Core.Publishing.Markdown;

namespace Sync.Core.Tests.Publishing.Markdown;

public sealed class MarkdownSplitterTests
{
    [Fact]
    public void Split_WhenTheTextFits_ReturnsItWhole()
    {
        var text = new string('a', 65_536);

        Assert.Equal([text], MarkdownSplitter.Split(text, 65_536, 65_536));
    }

    [Fact]
    public void Split_OneCharacterOverTheBudget_MakesTwoPartsThatConcatenateToTheText()
    {
        var text = Paragraphs(65_537);

        var parts = MarkdownSplitter.Split(text, 65_536, 65_536);

        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, 65_536));
        Assert.Equal(text, string.Concat(parts));
    }

    [Fact]
    public void Split_NeverStartsAPartWithACommand_WhenACutAfterASpaceWouldPutASlashAtTheLineStart()
    {
        // One long line (so every cut is after a space), half of whose words are quick actions: copied text may hold
        // "/close" mid-line, which is harmless there but runs on GitLab at the start of a continuation's line.
        var text = string.Concat(Enumerable.Repeat("word /close /label ~x ", 2_000));

        var parts = MarkdownSplitter.Split(text, 1_000, 1_000);

        Assert.True(parts.Count > 40);
        Assert.Equal(text, string.Concat(parts));
        Assert.All(parts, p => Assert.False(CommandLines.HasCommandLine(p), $"a part starts with a command: {p[..20]}"));
    }

    [Fact]
    public void Split_PrefersParagraphBoundaries()
    {
        var text = Paragraphs(5_000);

        var parts = MarkdownSplitter.Split(text, 1_000, 1_000);

        Assert.All(parts.SkipLast(1), p => Assert.EndsWith("\n\n", p, StringComparison.Ordinal));
        Assert.All(parts.SkipLast(1), p => Assert.InRange(p.Length, 501, 1_000));
        Assert.Equal(text, string.Concat(parts));
    }

    [Fact]
    public void Split_OneLongParagraph_CutsBetweenLines()
    {
        var text = string.Join('\n', Enumerable.Range(0, 200).Select(i => $"line {i:D3} of one long paragraph"));

        var parts = MarkdownSplitter.Split(text, 1_000, 1_000);

        Assert.True(parts.Count > 1);
        Assert.All(parts.SkipLast(1), p => Assert.EndsWith("\n", p, StringComparison.Ordinal));
        Assert.Equal(text, string.Concat(parts));
    }

    [Fact]
    public void Split_NeverCutsInsideALinkOrAnHtmlTagOrACodeSpan()
    {
        // Lines of 60 characters whose every space is inside a construct: only line ends may be cut.
        var line = "[a link text](https://example.com/x) <span title=\"a b\">`c d`</span>";
        var text = string.Join('\n', Enumerable.Repeat(line, 100));

        var parts = MarkdownSplitter.Split(text, 1_000, 1_000);

        Assert.All(parts.SkipLast(1), p => Assert.EndsWith("</span>\n", p, StringComparison.Ordinal));
        Assert.Equal(text, string.Concat(parts));
    }

    [Fact]
    public void Split_OneLineLongerThanAPart_CutsAfterASpaceOutsideLinks()
    {
        var text = string.Join(' ', Enumerable.Repeat("word [link](https://example.com/a-long-path)", 200));

        var parts = MarkdownSplitter.Split(text, 1_000, 1_000);

        Assert.All(parts.SkipLast(1), p => Assert.EndsWith(" ", p, StringComparison.Ordinal));
        Assert.All(parts, p => Assert.Equal(p.Count(c => c == '['), p.Split("](https://example.com/a-long-path)").Length - 1));
        Assert.Equal(text, string.Concat(parts));
    }

    [Fact]
    public void Split_NeverSplitsASurrogatePair()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 40_000)); // 80,000 UTF-16 units, no spaces or lines

        var parts = MarkdownSplitter.Split(text, 65_536, 65_536);

        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.False(char.IsLowSurrogate(p[0]) || char.IsHighSurrogate(p[^1])));
        Assert.All(parts, p => Assert.True(p.Length <= 65_536 && Encoding.UTF8.GetByteCount(p) <= 262_144));
        Assert.Equal(text, string.Concat(parts));
    }

    [Fact]
    public void Split_InsideAFence_ClosesItAndReopensItWithItsInfoString()
    {
        var code = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"var x{i} = {i};"));
        var text = $"Before.\n\n~~~~csharp\n{code}\n~~~~\n\nAfter.";

        var parts = MarkdownSplitter.Split(text, 1_000, 1_000);

        Assert.True(parts.Count > 2);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, 1_000));
        Assert.All(parts.Skip(1), p => Assert.StartsWith("~~~~csharp\n", p, StringComparison.Ordinal));
        Assert.All(parts.SkipLast(1), p => Assert.EndsWith("\n~~~~", p, StringComparison.Ordinal));
        // Each part has whole fences only: an even number of fence lines.
        Assert.All(parts, p => Assert.Equal(0, p.Split('\n').Count(l => l.StartsWith("~~~~", StringComparison.Ordinal)) % 2));
        var rejoined = string.Concat(parts.Select((p, i) => Unfence(p, first: i == 0, last: i == parts.Count - 1)));
        Assert.Equal(text, rejoined);
    }

    [Fact]
    public void Split_TheOpeningLineOfAFenceIsNeverCut()
    {
        var text = string.Concat(new string('x', 900), "\n\n```c sharp with spaces\ncode\n```\n", new string('y', 500));

        var parts = MarkdownSplitter.Split(text, 1_000, 1_000);

        Assert.DoesNotContain(parts, p => p.EndsWith("```c ", StringComparison.Ordinal) || p.EndsWith("```c sharp", StringComparison.Ordinal));
        Assert.Equal(text, string.Concat(parts));
    }

    [Fact]
    public void Split_ABudgetTooSmallForAPart_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MarkdownSplitter.Split(new string('a', 1_000), 100, 100));

    /// <summary>Paragraphs of 99 characters and a blank line, to <paramref name="length"/> characters.</summary>
    internal static string Paragraphs(int length)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Append(' ').Append('z', 92).Append("\n\n");
        }

        return text.ToString(0, length);
    }

    private static string Unfence(string part, bool first, bool last)
    {
        if (!first)
        {
            part = part["~~~~csharp\n".Length..];
        }

        return last ? part : part[..^"~~~~".Length];
    }
}
