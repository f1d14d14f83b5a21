using System.Text;
using System.Text.RegularExpressions;

namespace Sync.Core.Moving.Planning;

/// <summary>
/// Splits Markdown into code (fenced blocks, inline spans) and prose, so rewrites that change meaning
/// (mentions, issue references, uploads) leave code exactly as the author wrote it. Redaction deliberately
/// does not use this: a secret in a code block is still a secret.
/// </summary>
public static partial class MarkdownCode
{
    /// <summary>Applies <paramref name="map"/> to every prose stretch of <paramref name="text"/>; code is copied unchanged.</summary>
    public static string MapProse(string text, Func<string, string> map)
    {
        var result = new StringBuilder(text.Length);
        var position = 0;
        foreach (Match code in Code().Matches(text))
        {
            result.Append(map(text[position..code.Index]));
            result.Append(code.Value);
            position = code.Index + code.Length;
        }

        result.Append(map(text[position..]));
        return result.ToString();
    }

    // An unterminated fence runs to the end (as CommonMark renders it); inline spans never cross a blank line.
    [GeneratedRegex(
        @"^[ ]{0,3}(?<f>`{3,}|~{3,})[^\n`]*(?=\n|\z)(?:\n.*?)??(?:\n[ ]{0,3}\k<f>[ \t]*(?=\n|\z)|\z)|(?<b>`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\k<b>(?!`)",
        RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Code();
}
