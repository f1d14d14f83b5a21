using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sync.Core.Publishing.Secrets;

/// <summary>A Go RE2 pattern rewritten for .NET.</summary>
/// <param name="Changed">True when the .NET pattern differs from the RE2 one.</param>
/// <param name="GroupNames">Capture groups in RE2 order (left to right by opening parenthesis); null for an unnamed group.</param>
internal sealed record Re2Translation(string Pattern, bool Changed, IReadOnlyList<string?> GroupNames);

/// <summary>
/// Rewrites the RE2 syntax .NET does not accept: <c>(?P&lt;name&gt;</c> named groups, POSIX classes such as
/// <c>[[:alpha:]]</c>, one-letter Unicode classes (<c>\pL</c>), <c>\x{…}</c> and <c>\Q…\E</c>. Everything else in the
/// gitleaks rules means the same in both engines, with one deliberate difference: .NET's <c>\w</c>, <c>\d</c>,
/// <c>\s</c> and <c>\b</c> are Unicode-aware where RE2's are ASCII-only, which only ever lets a rule match more.
/// RE2's ungreedy flag <c>U</c> has no .NET equivalent and is refused.
/// </summary>
internal static class Re2Translator
{
    private static readonly Dictionary<string, string> PosixClasses = new(StringComparer.Ordinal)
    {
        ["alnum"] = "0-9A-Za-z",
        ["alpha"] = "A-Za-z",
        ["ascii"] = @"\x00-\x7F",
        ["blank"] = @"\t ",
        ["cntrl"] = @"\x00-\x1F\x7F",
        ["digit"] = "0-9",
        ["graph"] = "!-~",
        ["lower"] = "a-z",
        ["print"] = " -~",
        ["punct"] = @"!-/:-@\[-`{-~",
        ["space"] = @"\t\n\v\f\r ",
        ["upper"] = "A-Z",
        ["word"] = "0-9A-Za-z_",
        ["xdigit"] = "0-9A-Fa-f",
    };

    public static Re2Translation Translate(string re2)
    {
        var result = new StringBuilder(re2.Length);
        var groups = new List<string?>();
        var inClass = false;
        for (var i = 0; i < re2.Length; i++)
        {
            var c = re2[i];
            if (c == '\\' && i + 1 < re2.Length)
            {
                i = TranslateEscape(re2, i, inClass, result);
                continue;
            }

            if (inClass)
            {
                if (c == '[' && i + 1 < re2.Length && re2[i + 1] == ':')
                {
                    i = TranslatePosixClass(re2, i, result);
                    continue;
                }

                inClass = c != ']';
                result.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    result.Append(c);
                    // A ']' first in a class (after an optional '^') is a literal in both engines; escape it so it reads that way.
                    if (i + 1 < re2.Length && re2[i + 1] == '^')
                    {
                        result.Append('^');
                        i++;
                    }

                    if (i + 1 < re2.Length && re2[i + 1] == ']')
                    {
                        result.Append(@"\]");
                        i++;
                    }

                    break;
                case '(':
                    i = TranslateGroupOpening(re2, i, groups, result);
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }

        var pattern = result.ToString();
        return new Re2Translation(pattern, !string.Equals(pattern, re2, StringComparison.Ordinal), groups);
    }

    /// <summary>Returns the index of the last character consumed.</summary>
    private static int TranslateGroupOpening(string re2, int i, List<string?> groups, StringBuilder result)
    {
        if (i + 1 >= re2.Length || re2[i + 1] != '?')
        {
            groups.Add(null);
            result.Append('(');
            return i;
        }

        var named = re2.AsSpan(i).StartsWith("(?P<") ? 4
            : re2.AsSpan(i).StartsWith("(?<") && i + 3 < re2.Length && (char.IsAsciiLetter(re2[i + 3]) || re2[i + 3] == '_') ? 3
            : 0;
        if (named > 0)
        {
            var close = re2.IndexOf('>', i + named);
            if (close < 0)
            {
                throw new ArgumentException($"unterminated group name at {i}");
            }

            groups.Add(re2[(i + named)..close]);
            result.Append("(?<").Append(re2, i + named, close - i - named + 1);
            return close;
        }

        var flagsEnd = i + 2;
        while (flagsEnd < re2.Length && (char.IsAsciiLetter(re2[flagsEnd]) || re2[flagsEnd] == '-'))
        {
            flagsEnd++;
        }

        if (re2.AsSpan(i + 2, flagsEnd - i - 2).Contains('U'))
        {
            throw new NotSupportedException("RE2's ungreedy flag (?U) has no .NET equivalent");
        }

        result.Append('(');
        return i;
    }

    private static int TranslateEscape(string re2, int i, bool inClass, StringBuilder result)
    {
        var next = re2[i + 1];
        switch (next)
        {
            case 'p' or 'P' when i + 2 < re2.Length && re2[i + 2] != '{':
                result.Append('\\').Append(next).Append('{').Append(re2[i + 2]).Append('}');
                return i + 2;
            case 'x' when i + 2 < re2.Length && re2[i + 2] == '{':
                var close = re2.IndexOf('}', i + 3);
                var code = -1;
                if (close < 0
                    || !int.TryParse(re2.AsSpan(i + 3, close - i - 3), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code)
                    || code > 0xFFFF)
                {
                    throw new NotSupportedException(@"\x{...} beyond U+FFFF is not supported");
                }

                result.Append(CultureInfo.InvariantCulture, $@"\u{code:X4}");
                return close;
            case 'Q':
                var end = re2.IndexOf(@"\E", i + 2, StringComparison.Ordinal);
                var literal = end < 0 ? re2[(i + 2)..] : re2[(i + 2)..end];
                result.Append(inClass ? string.Concat(literal.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch.ToString() : @"\" + ch)) : Regex.Escape(literal));
                return end < 0 ? re2.Length - 1 : end + 1;
            case 'C':
                throw new NotSupportedException(@"RE2's \C (any byte) has no .NET equivalent");
            default:
                result.Append('\\').Append(next);
                return i + 1;
        }
    }

    private static int TranslatePosixClass(string re2, int i, StringBuilder result)
    {
        var close = re2.IndexOf(":]", i + 2, StringComparison.Ordinal);
        var name = close < 0 ? "" : re2[(i + 2)..close];
        if (!PosixClasses.TryGetValue(name, out var expansion))
        {
            throw new NotSupportedException($"POSIX class '[:{name}:]' is not supported");
        }

        result.Append(expansion);
        return close + 1;
    }
}
