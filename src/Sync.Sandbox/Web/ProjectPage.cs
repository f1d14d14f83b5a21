using System.Text;
using Sync.Sandbox.Model;

namespace Sync.Sandbox.Web;

/// <summary>A project's page: its issues (number, title, state, labels, votes) linked to their pages, and on GitLab its boards.</summary>
internal static class ProjectPage
{
    /// <summary>Call under <see cref="SandboxInstance.Sync"/>.</summary>
    public static string Render(SandboxInstance instance, SandboxProject project)
    {
        var sb = new StringBuilder();
        sb.Append("<h1>").Append(WebHtml.Encode(project.Path)).Append("</h1>\n");
        if (project.Description.Length > 0)
        {
            sb.Append("<p class=\"description\">").Append(WebHtml.Encode(project.Description)).Append("</p>\n");
        }

        foreach (var board in project.Boards)
        {
            AppendBoard(sb, instance, project, board);
        }

        var issues = project.Issues.OrderByDescending(i => i.Number).ToList();
        sb.Append("<h2>Issues <span class=\"meta\">").Append(issues.Count(i => !i.Closed)).Append(" open, ").Append(issues.Count(i => i.Closed))
            .Append(" closed</span></h2>\n");
        sb.Append("<table class=\"issues\">\n<thead><tr><th>#</th><th>Title</th><th>State</th><th>Labels</th><th>Votes</th></tr></thead>\n<tbody>\n");
        foreach (var issue in issues)
        {
            var votes = WebReactions.Votes(issue);
            sb.Append("<tr class=\"issue\"><td>").Append(issue.Number).Append("</td><td><a href=\"").Append(WebHtml.Encode(WebLinks.Issue(instance, issue))).Append("\">")
                .Append(WebHtml.Encode(issue.Title)).Append("</a>");
            if (issue.Confidential)
            {
                sb.Append(" <span class=\"flag confidential\">confidential</span>");
            }

            if (issue.IsPullRequest)
            {
                sb.Append(" <span class=\"flag\">pull request</span>");
            }

            sb.Append("</td><td>").Append(issue.Closed ? "closed" : "open").Append("</td><td>");
            foreach (var name in issue.Labels)
            {
                sb.Append(WebHtml.Label(name, project.FindLabel(name)?.Color));
            }

            sb.Append("</td><td><span aria-hidden=\"true\">👍</span> ").Append(votes).Append(votes == 1 ? " vote" : " votes").Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
        return WebHtml.Page(instance, project.Path, project.IsPrivate, sb.ToString());
    }

    // As GitLab's board: one column per list, the open issues carrying the list's label.
    private static void AppendBoard(StringBuilder sb, SandboxInstance instance, SandboxProject project, SandboxBoard board)
    {
        sb.Append("<section class=\"board-section\"><h2>Board: ").Append(WebHtml.Encode(board.Name)).Append("</h2>\n<div class=\"board\">\n");
        foreach (var list in board.Lists.OrderBy(l => l.Position))
        {
            var open = project.Issues.Where(i => !i.Closed && i.HasLabel(list.Label.Name)).OrderBy(i => i.Number).ToList();
            sb.Append("<div class=\"list\"><h3>").Append(WebHtml.Label(list.Label.Name, list.Label.Color)).Append(" <span class=\"meta\">")
                .Append(open.Count).Append(" open</span></h3>\n<ul>\n");
            foreach (var issue in open)
            {
                sb.Append("<li><a href=\"").Append(WebHtml.Encode(WebLinks.Issue(instance, issue))).Append("\">#").Append(issue.Number).Append(' ')
                    .Append(WebHtml.Encode(issue.Title)).Append("</a></li>\n");
            }

            sb.Append("</ul></div>\n");
        }

        sb.Append("</div></section>\n");
    }
}
