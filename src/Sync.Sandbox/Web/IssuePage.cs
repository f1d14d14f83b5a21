using System.Text;
using Sync.Sandbox.Model;

namespace Sync.Sandbox.Web;

/// <summary>
/// One issue as its tracker's page shows it: title, number, state, labels in their colours, milestone, the body and every
/// comment rendered and sanitised, reactions with counts, authors and times. The sandbox plays the private side too, so
/// internal notes and confidential issues are shown, marked.
/// </summary>
internal static class IssuePage
{
    /// <summary>Call under <see cref="SandboxInstance.Sync"/>.</summary>
    public static string Render(SandboxInstance instance, SandboxIssue issue)
    {
        var project = issue.Project;
        var gitLab = !instance.IsGitHub;
        var uploadRoot = gitLab ? WebLinks.Project(instance, project) : null;
        var sb = new StringBuilder();
        sb.Append("<p class=\"meta\"><a href=\"").Append(WebHtml.Encode(WebLinks.Project(instance, project))).Append("\">")
            .Append(WebHtml.Encode(project.Path)).Append("</a></p>\n");
        sb.Append("<h1><span class=\"title\">").Append(WebHtml.Encode(issue.Title)).Append("</span> <span class=\"number\">")
            .Append('#').Append(issue.Number).Append("</span></h1>\n");

        sb.Append("<p>");
        var open = !issue.Closed;
        sb.Append("<span class=\"state ").Append(open ? "open" : "closed").Append("\">").Append(open ? "Open" : "Closed").Append("</span> ");
        if (issue.IsPullRequest)
        {
            sb.Append("<span class=\"flag\">pull request</span> ");
        }

        if (issue.Confidential)
        {
            sb.Append("<span class=\"flag confidential\">confidential</span> ");
        }

        if (issue.Locked)
        {
            sb.Append("<span class=\"flag\">locked</span> ");
        }

        sb.Append("<span class=\"meta\">opened ").Append(WebHtml.Time(issue.CreatedAt)).Append(" by <span class=\"author\">")
            .Append(WebHtml.Encode(issue.Author.Username)).Append("</span>");
        if (issue.Closed && issue.ClosedAt is { } closedAt)
        {
            sb.Append(" · closed ").Append(WebHtml.Time(closedAt));
            if (issue.StateReason is { } reason)
            {
                sb.Append(" as ").Append(WebHtml.Encode(reason.Replace('_', ' ')));
            }
        }

        sb.Append("</span></p>\n");
        if (issue.DuplicateOf is { } canonical)
        {
            sb.Append("<p class=\"meta\">Closed as a duplicate of <a href=\"").Append(WebHtml.Encode(WebLinks.Issue(instance, canonical))).Append("\">")
                .Append(WebHtml.Encode($"{canonical.Project.Path}#{canonical.Number}")).Append("</a></p>\n");
        }

        if (issue.MovedToId is { } movedTo)
        {
            // GitLab's native move stays on the instance: the new issue is one of its projects'.
            var target = instance.Projects().SelectMany(p => p.Issues).FirstOrDefault(i => i.Id == movedTo);
            sb.Append("<p class=\"meta\">Moved to ").Append(target is null
                ? "an issue this page cannot show"
                : $"<a href=\"{WebHtml.Encode(WebLinks.Issue(instance, target))}\">{WebHtml.Encode($"{target.Project.Path}#{target.Number}")}</a>").Append("</p>\n");
        }

        AppendSidebar(sb, issue);

        sb.Append("<article class=\"box description\"><div class=\"head\"><span class=\"author\">").Append(WebHtml.Encode(issue.Author.Username))
            .Append("</span> · ").Append(WebHtml.Time(issue.CreatedAt)).Append("</div>\n<div class=\"body markdown\">")
            .Append(WebMarkdown.ToHtml(issue.Description, uploadRoot)).Append("</div>\n").Append(WebReactions.Render(issue.Awards)).Append("</article>\n");

        var comments = issue.Notes.Count(n => !n.System);
        sb.Append("<h2>").Append(comments).Append(comments == 1 ? " comment" : " comments").Append("</h2>\n");
        foreach (var note in issue.Notes)
        {
            if (note.System)
            {
                sb.Append("<p class=\"system\"><span class=\"author\">").Append(WebHtml.Encode(note.Author.Username)).Append("</span> ")
                    .Append(WebHtml.Encode(note.Body)).Append(" · ").Append(WebHtml.Time(note.CreatedAt)).Append("</p>\n");
                continue;
            }

            sb.Append("<article class=\"box comment").Append(note.Internal ? " internal" : string.Empty).Append("\" id=\"note-").Append(note.Id)
                .Append("\"><div class=\"head\"><span class=\"author\">").Append(WebHtml.Encode(note.Author.Username)).Append("</span> · ")
                .Append(WebHtml.Time(note.CreatedAt));
            if (note.Internal)
            {
                sb.Append(" · <span class=\"flag internal\">internal note</span>");
            }

            sb.Append("</div>\n<div class=\"body markdown\">").Append(WebMarkdown.ToHtml(note.Body, uploadRoot)).Append("</div>\n")
                .Append(WebReactions.Render(note.Awards)).Append("</article>\n");
        }

        return WebHtml.Page(instance, $"{issue.Title} ({project.Path}#{issue.Number})", project.IsPrivate, sb.ToString());
    }

    private static void AppendSidebar(StringBuilder sb, SandboxIssue issue)
    {
        sb.Append("<table class=\"facts\">\n<tr><th>Labels</th><td class=\"labels\">");
        if (issue.Labels.Count == 0)
        {
            sb.Append("<span class=\"meta\">none</span>");
        }

        foreach (var name in issue.Labels)
        {
            sb.Append(WebHtml.Label(name, issue.Project.FindLabel(name)?.Color));
        }

        sb.Append("</td></tr>\n<tr><th>Milestone</th><td class=\"milestone\">");
        if (issue.Milestone is { } m)
        {
            sb.Append(WebHtml.Encode(m.Title));
            if (m.DueDate is { } due)
            {
                sb.Append(" · due ").Append(WebHtml.Date(due));
            }

            if (m.Closed)
            {
                sb.Append(" (closed)");
            }
        }
        else
        {
            sb.Append("<span class=\"meta\">none</span>");
        }

        sb.Append("</td></tr>\n<tr><th>Votes</th><td class=\"votes\">👍 ").Append(WebReactions.Votes(issue)).Append(" up, 👎 ")
            .Append(issue.Awards.Where(a => a.Name is "-1" || a.Name.StartsWith("thumbsdown", StringComparison.Ordinal)).Select(a => a.User.Id).Distinct().Count())
            .Append(" down</td></tr>\n");
        if (issue.Assignees.Count > 0)
        {
            sb.Append("<tr><th>Assignees</th><td>").Append(WebHtml.Encode(string.Join(", ", issue.Assignees.Select(a => a.Username)))).Append("</td></tr>\n");
        }

        if (issue.Weight is { } weight)
        {
            sb.Append("<tr><th>Weight</th><td>").Append(weight).Append("</td></tr>\n");
        }

        sb.Append("</table>\n");
    }
}
