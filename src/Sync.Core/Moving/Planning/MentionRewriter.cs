using System.Text.RegularExpressions;

namespace Sync.Core.Moving.Planning;

/// <summary>
/// Maps @mentions to target usernames, or turns them into inline code so nobody on the public tracker is
/// pinged (a private username may belong to a different person there). Code and e-mail addresses are left alone.
/// </summary>
public sealed partial class MentionRewriter(IReadOnlyDictionary<string, string> userMap)
{
    public string Rewrite(string text) => MarkdownCode.MapProse(text, prose => Mention().Replace(prose, Replace));

    private string Replace(Match match)
    {
        var name = match.Groups["name"].Value;
        return TryMap(name) is { } mapped ? $"@{mapped}" : $"`@{name}`";
    }

    private string? TryMap(string name)
    {
        // The map is usually case-insensitive already, but a caller may hand in an ordinal dictionary.
        var mapped = userMap.TryGetValue(name, out var exact)
            ? exact
            : userMap.Where(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value).FirstOrDefault();
        mapped = mapped?.Trim().TrimStart('@');
        return string.IsNullOrEmpty(mapped) ? null : mapped;
    }

    // GitLab/GitHub usernames (letters, digits, _ . -), GitLab group paths with '/'; never preceded by a word
    // character, so "a@b.com" is not a mention.
    [GeneratedRegex(@"(?<![\w.+/\\`@-])@(?<name>[A-Za-z0-9_](?:[A-Za-z0-9_./-]*[A-Za-z0-9_])?)", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex Mention();
}
