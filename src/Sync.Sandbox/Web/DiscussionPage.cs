using System.Text;
using Sync.Sandbox.Model;

namespace Sync.Sandbox.Web;

/// <summary>
/// One GitHub discussion as its page shows it: title, number, category, state (closed with its reason, locked, answered),
/// labels, upvotes and reactions, the body and every comment with its replies rendered and sanitised. Minimized comments
/// are shown marked, as a maintainer sees them.
/// </summary>
internal static class DiscussionPage
{
    /// <summary>Call under <see cref="SandboxInstance.Sync"/>.</summary>
    public static string Render(SandboxInstance instance, SandboxDiscussion d)
    {
        var project = d.Project;
        var sb = new StringBuilder();
        sb.Append("<p class=\"meta\"><a href=\"").Append(WebHtml.Encode(WebLinks.Project(instance, project))).Append("\">")
            .Append(WebHtml.Encode(project.Path)).Append("</a> · Discussions · ").Append(WebHtml.Encode(d.Category.Name)).Append("</p>\n");
        sb.Append("<h1><span class=\"title\">").Append(WebHtml.Encode(d.Title)).Append("</span> <span class=\"number\">#")
            .Append(d.Number).Append("</span></h1>\n<p>");
        sb.Append("<span class=\"state ").Append(d.Closed ? "closed" : "open").Append("\">").Append(d.Closed ? "Closed" : "Open").Append("</span> ");
        if (d.Locked)
        {
            sb.Append("<span class=\"flag\">locked</span> ");
        }

        if (d.Answer is not null)
        {
            sb.Append("<span class=\"flag\">answered</span> ");
        }

        sb.Append("<span class=\"meta\">started ").Append(WebHtml.Time(d.CreatedAt)).Append(" by <span class=\"author\">")
            .Append(WebHtml.Encode(d.Author?.Username ?? "ghost")).Append("</span>");
        if (d.Closed && d.ClosedAt is { } closedAt)
        {
            sb.Append(" · closed ").Append(WebHtml.Time(closedAt));
            if (d.StateReason is { } reason)
            {
                sb.Append(" as ").Append(WebHtml.Encode(reason.ToLowerInvariant()));
            }
        }

        sb.Append("</span></p>\n<table class=\"facts\">\n<tr><th>Labels</th><td class=\"labels\">");
        if (d.Labels.Count == 0)
        {
            sb.Append("<span class=\"meta\">none</span>");
        }

        foreach (var name in d.Labels)
        {
            sb.Append(WebHtml.Label(name, project.FindLabel(name)?.Color));
        }

        sb.Append("</td></tr>\n<tr><th>Votes</th><td class=\"votes\">⬆ ").Append(d.Upvoters.Count).Append(" upvotes, 👍 ")
            .Append(d.Reactions.Count(r => r.Name == "THUMBS_UP")).Append("</td></tr>\n</table>\n");
        sb.Append("<article class=\"box description\"><div class=\"head\"><span class=\"author\">").Append(WebHtml.Encode(d.Author?.Username ?? "ghost"))
            .Append("</span> · ").Append(WebHtml.Time(d.CreatedAt)).Append("</div>\n<div class=\"body markdown\">")
            .Append(WebMarkdown.ToHtml(d.Body, null)).Append("</div>\n</article>\n");
        sb.Append("<h2>").Append(d.Comments.Count).Append(d.Comments.Count == 1 ? " comment" : " comments").Append("</h2>\n");
        foreach (var comment in d.Comments)
        {
            Append(sb, comment, reply: false);
            foreach (var reply in comment.Replies)
            {
                Append(sb, reply, reply: true);
            }
        }

        return WebHtml.Page(instance, $"{d.Title} ({project.Path} discussion #{d.Number})", project.IsPrivate, sb.ToString());
    }

    private static void Append(StringBuilder sb, SandboxDiscussionComment c, bool reply)
    {
        sb.Append("<article class=\"box comment").Append(reply ? " reply" : string.Empty).Append("\" id=\"discussioncomment-").Append(c.Id)
            .Append("\"><div class=\"head\"><span class=\"author\">").Append(WebHtml.Encode(c.Author?.Username ?? "ghost")).Append("</span> · ")
            .Append(WebHtml.Time(c.CreatedAt));
        if (c.IsMinimized)
        {
            sb.Append(" · <span class=\"flag\">hidden by a maintainer</span>");
        }

        if (c.Discussion.Answer == c)
        {
            sb.Append(" · <span class=\"flag\">answer</span>");
        }

        sb.Append("</div>\n<div class=\"body markdown\">").Append(WebMarkdown.ToHtml(c.Body, null)).Append("</div>\n</article>\n");
    }
}
