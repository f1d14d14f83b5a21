using System.Text;
using Sync.Sandbox.Model;

namespace Sync.Sandbox.Web;

/// <summary>Award emoji (GitLab names) and reactions (GitHub contents) as a glyph with its count written as text too.</summary>
internal static class WebReactions
{
    private static readonly Dictionary<string, string> Glyphs = new(StringComparer.Ordinal)
    {
        ["thumbsup"] = "👍", ["+1"] = "👍", ["thumbsdown"] = "👎", ["-1"] = "👎",
        ["thumbsup_tone1"] = "👍🏻", ["thumbsup_tone2"] = "👍🏼", ["thumbsup_tone3"] = "👍🏽", ["thumbsup_tone4"] = "👍🏾", ["thumbsup_tone5"] = "👍🏿",
        ["thumbsdown_tone1"] = "👎🏻", ["thumbsdown_tone2"] = "👎🏼", ["thumbsdown_tone3"] = "👎🏽", ["thumbsdown_tone4"] = "👎🏾", ["thumbsdown_tone5"] = "👎🏿",
        ["heart"] = "❤️", ["rocket"] = "🚀", ["hooray"] = "🎉", ["tada"] = "🎉", ["eyes"] = "👀", ["laugh"] = "😄", ["smile"] = "😄", ["confused"] = "😕",
    };

    /// <summary>Up votes as the trackers count them for the issue list: every thumbs-up (any skin tone) and GitHub's +1.</summary>
    public static int Votes(SandboxIssue issue) =>
        issue.Awards.Where(a => a.Name is "+1" || a.Name.StartsWith("thumbsup", StringComparison.Ordinal)).Select(a => a.User.Id).Distinct().Count();

    /// <summary>One chip per name, in order of first use: "👍 12", with the name and every user in its title.</summary>
    public static string Render(IReadOnlyList<SandboxAward> awards)
    {
        if (awards.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder("<div class=\"reactions\">");
        foreach (var group in awards.GroupBy(a => a.Name))
        {
            var glyph = Glyphs.GetValueOrDefault(group.Key) ?? ":" + group.Key + ":";
            var who = string.Join(", ", group.Select(a => a.User.Username));
            var newest = group.Max(a => a.CreatedAt);
            sb.Append("<span class=\"reaction\" title=\"").Append(WebHtml.Encode($"{group.Key} by {who}")).Append("\">")
                .Append(WebHtml.Encode(glyph)).Append(' ').Append(group.Count())
                .Append(" <span class=\"meta\">").Append(WebHtml.Encode(group.Key)).Append(", last ").Append(WebHtml.Time(newest)).Append("</span></span>");
        }

        return sb.Append("</div>\n").ToString();
    }
}
