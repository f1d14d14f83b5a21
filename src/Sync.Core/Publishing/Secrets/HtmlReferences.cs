using System.Net;

namespace Sync.Core.Publishing.Secrets;

/// <summary>Decodes one HTML character reference (<c>&amp;#95;</c>, <c>&amp;#x5f;</c>, <c>&amp;lowbar;</c>).</summary>
internal static class HtmlReferences
{
    /// <summary>
    /// HTML5 names for ASCII punctuation and invisible characters that <see cref="WebUtility.HtmlDecode(string)"/>
    /// does not know (it only has the HTML 4 names). Trackers render them, so a token can be spelled with them.
    /// </summary>
    private static readonly Dictionary<string, string> Html5Names = new(StringComparer.Ordinal)
    {
        ["Tab"] = "\t", ["NewLine"] = "\n", ["excl"] = "!", ["QUOT"] = "\"", ["num"] = "#", ["dollar"] = "$",
        ["percnt"] = "%", ["AMP"] = "&", ["apos"] = "'", ["lpar"] = "(", ["rpar"] = ")", ["ast"] = "*",
        ["midast"] = "*", ["plus"] = "+", ["comma"] = ",", ["period"] = ".", ["sol"] = "/", ["colon"] = ":",
        ["semi"] = ";", ["LT"] = "<", ["equals"] = "=", ["GT"] = ">", ["quest"] = "?", ["commat"] = "@",
        ["lsqb"] = "[", ["lbrack"] = "[", ["bsol"] = "\\", ["rsqb"] = "]", ["rbrack"] = "]", ["Hat"] = "^",
        ["lowbar"] = "_", ["UnderBar"] = "_", ["grave"] = "`", ["DiacriticalGrave"] = "`", ["lcub"] = "{",
        ["lbrace"] = "{", ["verbar"] = "|", ["vert"] = "|", ["VerticalLine"] = "|", ["rcub"] = "}", ["rbrace"] = "}",
        ["NonBreakingSpace"] = "\u00A0", ["ZeroWidthSpace"] = "\u200B", ["NegativeVeryThinSpace"] = "\u200B",
        ["NegativeThinSpace"] = "\u200B", ["NegativeMediumSpace"] = "\u200B", ["NegativeThickSpace"] = "\u200B",
        ["NoBreak"] = "\u2060", ["InvisibleTimes"] = "\u2062", ["it"] = "\u2062", ["InvisibleComma"] = "\u2063",
        ["ic"] = "\u2063", ["ApplyFunction"] = "\u2061", ["af"] = "\u2061", ["hyphen"] = "\u2010", ["dash"] = "\u2010",
    };

    /// <summary>Decodes the reference starting at <paramref name="start"/> (an '&amp;'), requiring the closing ';' as CommonMark does.</summary>
    public static bool TryDecode(string text, int start, out string decoded, out int length)
    {
        (decoded, length) = ("", 0);
        var semicolon = text.IndexOf(';', start + 1, Math.Min(34, text.Length - start - 1));
        if (semicolon < 0 || !IsReferenceShape(text.AsSpan(start + 1, semicolon - start - 1)))
        {
            return false;
        }

        var reference = text[start..(semicolon + 1)];
        var html4 = WebUtility.HtmlDecode(reference);
        if (!string.Equals(html4, reference, StringComparison.Ordinal))
        {
            decoded = html4;
        }
        else if (!Html5Names.TryGetValue(reference[1..^1], out decoded!))
        {
            return false;
        }

        length = reference.Length;
        return true;
    }

    /// <summary><c>#</c> and up to 7 decimal digits, <c>#x</c> and up to 6 hex digits, or an ASCII name.</summary>
    private static bool IsReferenceShape(ReadOnlySpan<char> body)
    {
        if (body.Length >= 2 && body[0] == '#')
        {
            var hex = body[1] is 'x' or 'X';
            var digits = body[(hex ? 2 : 1)..];
            return digits.Length is > 0 and <= 7 && AllOf(digits, hex ? char.IsAsciiHexDigit : char.IsAsciiDigit);
        }

        return body.Length > 0 && char.IsAsciiLetter(body[0]) && AllOf(body, char.IsAsciiLetterOrDigit);
    }

    private static bool AllOf(ReadOnlySpan<char> span, Func<char, bool> predicate)
    {
        foreach (var c in span)
        {
            if (!predicate(c))
            {
                return false;
            }
        }

        return true;
    }
}
