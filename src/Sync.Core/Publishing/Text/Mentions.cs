using System.Text.RegularExpressions;

namespace Sync.Core.Publishing.Text;

/// <summary>
/// Where a tracker sees an @mention in rendered text, as the union of both trackers' rules so that nothing either one
/// would ping slips through:
/// <list type="bullet">
/// <item>GitLab (<c>app/models/user.rb</c>, <c>reference_pattern</c>): <c>(?&lt;!\w)@</c> followed by a namespace path
/// (letters, digits, <c>_ . -</c>, with <c>/</c> for groups); Ruby's <c>\w</c> is ASCII, so CJK text, <c>.</c>, <c>-</c> or
/// a second <c>@</c> before the <c>@</c> still mention.</item>
/// <item>GitHub (html-pipeline <c>MentionFilter</c>): <c>(?:^|\W)@</c> + a login, or <c>@org/team</c>.</item>
/// </list>
/// Both run on text nodes after Markdown rendering, so <c>\@alice</c> and <c>&amp;#64;alice</c> mention too; the callers
/// feed this rendered text (see <see cref="TextRun"/>), never the raw source.
/// </summary>
public static partial class Mentions
{
    public readonly record struct Mention(int Index, int Length, string Name);

    public static IEnumerable<Mention> Find(string rendered)
    {
        foreach (Match m in Live().Matches(rendered))
        {
            var name = m.Groups["name"].Value.TrimEnd('.', '-', '/');
            if (name.Length > 0 && name.Any(char.IsAsciiLetterOrDigit))
            {
                yield return new Mention(m.Index, name.Length + 1, name);
            }
        }
    }

    public static bool HasLive(string rendered) => Find(rendered).Any();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])@(?<name>[A-Za-z0-9_.][A-Za-z0-9_.\-]*(?:/[A-Za-z0-9_.][A-Za-z0-9_.\-]*)*)", RegexOptions.CultureInvariant)]
    private static partial Regex Live();
}

/// <summary>
/// Short references a tracker turns into links in rendered text: <c>#12</c>, <c>GH-12</c> (GitHub), <c>!12</c> (a GitLab
/// merge request), each optionally after a project path (<c>group/project#12</c>). Not after a word character or
/// <c>&amp; / # . - @</c>, not followed by a word character, so <c>#fff</c>, <c>a#1</c> and <c>##2</c> do not count.
/// </summary>
public static partial class References
{
    public enum Sigil
    {
        Issue,
        MergeRequest,
    }

    public readonly record struct Reference(int Index, int Length, string? Project, Sigil Kind, long Number);

    public static IEnumerable<Reference> Find(string rendered)
    {
        foreach (Match m in Short().Matches(rendered))
        {
            if (!long.TryParse(m.Groups["num"].ValueSpan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                continue;
            }

            var project = m.Groups["proj"].Success ? m.Groups["proj"].Value : null;
            var kind = m.Groups["sigil"].Value == "!" ? Sigil.MergeRequest : Sigil.Issue;
            yield return new Reference(m.Index, m.Length, project, kind, number);
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9_&/#.\-@!])(?:(?<proj>[A-Za-z0-9_.\-]+(?:/[A-Za-z0-9_.\-]+)+))?(?<sigil>#|!|GH-)(?<num>\d{1,18})(?![A-Za-z0-9_])", RegexOptions.CultureInvariant)]
    private static partial Regex Short();
}
