using System.Text.RegularExpressions;

namespace Sync.Core.Publishing.Markdown;

internal enum HtmlTokenKind
{
    Text,
    StartTag,
    EndTag,
    Comment,

    /// <summary>A declaration, processing instruction or CDATA section: kept as it is.</summary>
    Other,
}

/// <param name="Start">Offset in the scanned text.</param>
/// <param name="Name">Lower-case tag name of a start or end tag.</param>
internal sealed record HtmlToken(HtmlTokenKind Kind, int Start, int End, string Name, IReadOnlyList<HtmlAttribute> Attributes);

/// <param name="Start">Start of the attribute (its name); <paramref name="End"/> is past its value.</param>
/// <param name="ValueStart">Start of the value without quotes, -1 when the attribute has none.</param>
internal sealed record HtmlAttribute(string Name, int Start, int End, int ValueStart, int ValueEnd)
{
    public string Value(string text) => ValueStart < 0 ? string.Empty : text[ValueStart..ValueEnd];
}

/// <summary>
/// Splits raw HTML (a Markdown HTML block, or one inline tag) into tags, comments and text, following the tag grammar
/// CommonMark gives for raw HTML (spec 0.31, "Raw HTML"): a tag name, then attributes with unquoted, single- or
/// double-quoted values. It does not build a tree: IssueSync only rewrites attribute values, drops comments and reads
/// text, and keeps every other byte as written.
/// </summary>
internal static partial class HtmlTokens
{
    public static List<HtmlToken> Scan(string text, int start, int end)
    {
        var tokens = new List<HtmlToken>();
        var textStart = start;
        var i = start;
        while (i < end)
        {
            if (text[i] != '<' || TryMarkup(text, i, end) is not { } token)
            {
                i++;
                continue;
            }

            if (i > textStart)
            {
                tokens.Add(new HtmlToken(HtmlTokenKind.Text, textStart, i, string.Empty, []));
            }

            tokens.Add(token);
            i = token.End;
            textStart = i;
        }

        if (end > textStart)
        {
            tokens.Add(new HtmlToken(HtmlTokenKind.Text, textStart, end, string.Empty, []));
        }

        return tokens;
    }

    private static HtmlToken? TryMarkup(string text, int at, int end)
    {
        var rest = text.AsSpan(at, end - at);
        if (rest.StartsWith("<!--"))
        {
            // An unterminated comment runs to the end, as browsers and the trackers' sanitizers read it.
            var close = text.IndexOf("-->", at + 4, end - at - 4, StringComparison.Ordinal);
            return new HtmlToken(HtmlTokenKind.Comment, at, close < 0 ? end : close + 3, string.Empty, []);
        }

        if (rest.StartsWith("<![CDATA[") || rest.StartsWith("<?") || (rest.Length > 2 && rest[1] == '!' && char.IsAsciiLetter(rest[2])))
        {
            var terminator = rest.StartsWith("<![CDATA[") ? "]]>" : rest.StartsWith("<?") ? "?>" : ">";
            var close = text.IndexOf(terminator, at + 2, end - at - 2, StringComparison.Ordinal);
            return new HtmlToken(HtmlTokenKind.Other, at, close < 0 ? end : close + terminator.Length, string.Empty, []);
        }

        var tag = Tag().Match(text, at, end - at);
        if (!tag.Success)
        {
            return null;
        }

        var name = tag.Groups["name"].Value.ToLowerInvariant();
        if (tag.Groups["close"].Success)
        {
            return new HtmlToken(HtmlTokenKind.EndTag, at, at + tag.Length, name, []);
        }

        var attributes = new List<HtmlAttribute>();
        foreach (Capture capture in tag.Groups["attr"].Captures)
        {
            var attribute = Attribute().Match(text, capture.Index, capture.Length);
            if (!attribute.Success)
            {
                continue;
            }

            var value = attribute.Groups["dq"].Success ? attribute.Groups["dq"]
                : attribute.Groups["sq"].Success ? attribute.Groups["sq"]
                : attribute.Groups["uq"].Success ? attribute.Groups["uq"] : null;
            attributes.Add(new HtmlAttribute(
                attribute.Groups["an"].Value.ToLowerInvariant(),
                capture.Index,
                capture.Index + capture.Length,
                value?.Index ?? -1,
                value is null ? -1 : value.Index + value.Length));
        }

        return new HtmlToken(HtmlTokenKind.StartTag, at, at + tag.Length, name, attributes);
    }

    // CommonMark: open tag = "<" name attribute* whitespace? "/"? ">"; closing tag = "</" name whitespace? ">".
    [GeneratedRegex(
        @"\G<(?:(?<close>/)(?<name>[A-Za-z][A-Za-z0-9-]*)\s*>|(?<name>[A-Za-z][A-Za-z0-9-]*)(?<attr>\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s""'=<>`]+|'[^']*'|""[^""]*""))?)*\s*/?>)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(
        @"\G\s+(?<an>[A-Za-z_:][A-Za-z0-9_.:-]*)(?:\s*=\s*(?:(?<uq>[^\s""'=<>`]+)|'(?<sq>[^']*)'|""(?<dq>[^""]*)""))?",
        RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();
}
