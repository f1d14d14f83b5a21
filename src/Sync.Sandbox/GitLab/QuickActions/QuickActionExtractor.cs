using System.Text;
using System.Text.RegularExpressions;

namespace Sync.Sandbox.GitLab.QuickActions;

/// <summary>One extracted command: its name as GitLab lower-cases it, and its argument (null when blank).</summary>
internal sealed record QuickAction(string Name, string? Argument);

/// <summary>The text GitLab stores (commands removed, substitutions applied) and the commands it found.</summary>
internal sealed record QuickActionText(string Text, IReadOnlyList<QuickAction> Commands);

/// <summary>
/// A port of GitLab's regex quick-action extractor (lib/gitlab/quick_actions/extractor.rb, the regex version
/// before the Markdown-based rework). GitLab runs one gsub over five alternatives tried in order at each line
/// start; the first four only protect text, the fifth is the command. See <see cref="QuickActionScanner"/> for
/// the protections and their quirks.
/// </summary>
internal static class QuickActionExtractor
{
    private static readonly Regex Commands = QuickActionScanner.CommandPattern(QuickActionCatalog.CommandNames);

    private static readonly (QuickActionDefinition Definition, Regex Command, Regex[] Rewrites)[] Substitutions =
    [
        .. QuickActionCatalog.Substitutions.Select(d => (
            d,
            QuickActionScanner.CommandPattern(d.AllNames),
            d.AllNames.Select(n => new Regex("/" + Regex.Escape(n) + " ?(.*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)).ToArray())),
    ];

    /// <summary>Ruby's String#rstrip removes these and nothing else (no Unicode spaces).</summary>
    private static readonly char[] RubyTrailing = ['\0', '\t', '\n', '\v', '\f', '\r', ' '];

    public static QuickActionText Extract(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var commands = new List<QuickAction>();
        var text = QuickActionScanner.Replace(content.Replace("\r", "", StringComparison.Ordinal), Commands, m =>
        {
            commands.Add(Command(m.Groups["cmd"].Value.ToLowerInvariant(), m));
            return "";
        }).TrimEnd(RubyTrailing);

        // GitLab rewrites substitutions afterwards, over the already trimmed text, each with its own scan; the
        // rewrite itself is case-sensitive, so "/SHRUG x" counts as a command but keeps its text.
        foreach (var (definition, command, rewrites) in Substitutions)
        {
            text = QuickActionScanner.Replace(text, command, m =>
            {
                commands.Add(Command(definition.Name, m));
                return rewrites.Aggregate(m.Value, (line, rewrite) => rewrite.Replace(line, r => r.Groups[1].Value + " " + definition.Substitution));
            });
        }

        return new QuickActionText(text, commands);
    }

    private static QuickAction Command(string name, Match m) =>
        new(name, m.Groups["arg"] is { Success: true, Value: var arg } && !string.IsNullOrWhiteSpace(arg) ? arg : null);
}

/// <summary>
/// GitLab's extractor regex, evaluated line start by line start with the same result as the regex itself:
/// <list type="number">
/// <item>code: a line starting with ``` through the first later line that is exactly ``` (so ~~~ fences protect
/// nothing, and an indented fence protects only through the next rule);</item>
/// <item>inline code: a line start through a backtick to the last backtick of the text that ends a line, at least
/// two characters further; "^.*`\n*.+?\n*`$" with a dot that crosses lines, so one such backtick near the end
/// protects every command above it;</item>
/// <item>HTML: a line starting with a tag (an HTML comment counts) through the first later line that is one
/// closing tag;</item>
/// <item>quote: a line starting with &gt;&gt;&gt; through the first later line that is exactly &gt;&gt;&gt;;</item>
/// <item>command: "/name" at the very start of the line, case-insensitive with Ruby's Unicode folding, then
/// either one space and an argument to the end of the line, or the end of the line; with the blank lines after it.</item>
/// </list>
/// The inline-code rule is computed directly rather than by backtracking from every line start, which costs
/// Ruby and .NET minutes on a long description.
/// </summary>
internal static class QuickActionScanner
{
    // Ruby's "mix": m (dot matches newline) is .NET Singleline; Ruby's ^ and $ always work per line (Multiline).
    private const RegexOptions Ruby = RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant;
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(10);

    private static readonly Regex Code = new("\\G```.+?\\n```$", Ruby, Ceiling);
    private static readonly Regex Html = new("\\G<[^>]+?>\\n.+?\\n</[^>]+?>$", Ruby, Ceiling);
    private static readonly Regex Quote = new("\\G>>>.+?\\n>>>$", Ruby, Ceiling);

    /// <summary>The command alternative; \s is spelled out because Ruby's is ASCII-only and .NET's is Unicode.</summary>
    public static Regex CommandPattern(IEnumerable<string> names) => new(
        "\\G/(?<cmd>" + string.Join('|', names.Select(Folded)) + ")(?:[ ](?<arg>[^\\n]*))?(?:[ \\t\\n\\v\\f\\r]*\\n|$)",
        Ruby | RegexOptions.IgnoreCase,
        Ceiling);

    /// <summary>Ruby's gsub of the extractor regex, with <paramref name="command"/> as its last alternative.</summary>
    public static string Replace(string text, Regex command, Func<Match, string> replace)
    {
        var output = new StringBuilder(text.Length);
        var lastLineEndBacktick = LastLineEndBacktick(text);
        var nextBacktick = -1;
        var copied = 0;
        var at = 0;
        while (at < text.Length)
        {
            // Line starts only grow, so the next backtick is searched again only once passed.
            if (nextBacktick < at && nextBacktick != int.MaxValue)
            {
                var found = text.IndexOf('`', at);
                nextBacktick = found < 0 ? int.MaxValue : found;
            }

            var end = Protected(text, at, nextBacktick, lastLineEndBacktick);
            if (end < 0 && text[at] == '/' && command.Match(text, at) is { Success: true } m)
            {
                output.Append(text, copied, at - copied).Append(replace(m));
                copied = end = at + m.Length;
            }

            at = NextLineStart(text, end < 0 ? at + 1 : end);
        }

        return output.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Where the protected block starting at line start <paramref name="at"/> ends, or -1 when none starts there.</summary>
    private static int Protected(string text, int at, int firstBacktick, int lastLineEndBacktick)
    {
        // Each rule needs a particular first character: checking it first spares a regex call per line.
        if (text[at] == '`' && Code.Match(text, at) is { Success: true } code)
        {
            return at + code.Length;
        }

        // The greedy ".*" takes the last backtick that still leaves room before the last line-ending backtick; the
        // lazy rest then ends at that line-ending backtick. Such a backtick exists from here exactly when the first
        // backtick from here (int.MaxValue when none) is at least two characters before it.
        if (lastLineEndBacktick >= 0 && firstBacktick <= lastLineEndBacktick - 2)
        {
            return lastLineEndBacktick + 1;
        }

        if (text[at] == '<' && Html.Match(text, at) is { Success: true } html)
        {
            return at + html.Length;
        }

        return text[at] == '>' && Quote.Match(text, at) is { Success: true } quote ? at + quote.Length : -1;
    }

    private static int LastLineEndBacktick(string text)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (text[i] == '`' && (i == text.Length - 1 || text[i + 1] == '\n'))
            {
                return i;
            }
        }

        return -1;
    }

    private static int NextLineStart(string text, int from)
    {
        if (from == 0 || (from <= text.Length && text[from - 1] == '\n'))
        {
            return from;
        }

        var newline = text.IndexOf('\n', from);
        return newline < 0 ? text.Length : newline + 1;
    }

    // Under IGNORECASE Onigmo also folds ſ to s, the Kelvin sign to k, ß and ẞ to ss and the ligatures ﬅ and ﬆ to
    // st and ﬁ to fi; .NET's IgnoreCase knows only the Kelvin sign, so the rest is spelled out.
    private static string Folded(string name)
    {
        var pattern = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var pair = i + 1 < name.Length ? name.Substring(i, 2) : "";
            var ligatures = pair switch { "ss" => "ßẞ", "st" => "ﬅﬆ", "fi" => "ﬁ", _ => null };
            if (ligatures is not null)
            {
                pattern.Append("(?:").Append(Letter(pair[0])).Append(Letter(pair[1])).Append("|[").Append(ligatures).Append("])");
                i++;
            }
            else
            {
                pattern.Append(Letter(name[i]));
            }
        }

        return pattern.ToString();
    }

    private static string Letter(char c) => c switch
    {
        's' => "[sſ]",
        'k' => "[k\u212A]",
        _ => Regex.Escape(c.ToString()),
    };
}
