using System.Text;
using Sync.Sandbox.Web;

namespace Sync.Sandbox.Discourse;

/// <summary>
/// A topic's web page (<c>/t/&lt;slug&gt;/&lt;id&gt;</c>, the link a moved issue carries back): title, state, tags, votes, and
/// every post rendered and sanitised; whispers and actions are marked. No token, outside the API's limits and counts.
/// </summary>
internal static class DiscourseTopicPage
{
    public static IResult Render(SandboxDiscourse forum, long id)
    {
        var instance = forum.Instance;
        string html;
        lock (instance.Sync)
        {
            if (forum.FindTopic(id) is not { DeletedAt: null } topic)
            {
                return Results.Content(WebHtml.NotFound("No such topic on this forum."), "text/html; charset=utf-8", statusCode: 404);
            }

            var sb = new StringBuilder();
            sb.Append("<p class=\"meta\">").Append(WebHtml.Encode(topic.Category.Name)).Append("</p>\n");
            sb.Append("<h1><span class=\"title\">").Append(WebHtml.Encode(topic.Title)).Append("</span></h1>\n<p>");
            var state = topic.Archived ? "archived" : topic.Closed ? "closed" : "open";
            sb.Append("<span class=\"state ").Append(state == "open" ? "open" : "closed").Append("\">").Append(state).Append("</span> ");
            foreach (var tag in topic.Tags)
            {
                sb.Append(WebHtml.Label(tag, null)).Append(' ');
            }

            if (forum.VotingPlugin)
            {
                sb.Append("<span class=\"reactions\">").Append(topic.VoteCount).Append(topic.VoteCount == 1 ? " vote" : " votes").Append("</span>");
            }

            sb.Append("</p>\n");
            foreach (var post in topic.Posts.Where(p => p.DeletedAt is null))
            {
                var kind = post.PostType switch
                {
                    DiscoursePost.Whisper => " (whisper, staff only)",
                    DiscoursePost.SmallAction or DiscoursePost.ModeratorAction => " (" + (post.ActionCode ?? "action") + ")",
                    _ => post.Hidden ? " (hidden)" : string.Empty,
                };
                sb.Append("<section class=\"comment\"><p class=\"meta\"><span class=\"author\">").Append(WebHtml.Encode(post.Author.Username))
                    .Append("</span> ").Append(WebHtml.Time(post.CreatedAt)).Append(WebHtml.Encode(kind)).Append("</p>\n")
                    .Append(WebMarkdown.ToHtml(post.Raw, null)).Append("</section>\n");
            }

            html = WebHtml.Page(instance, topic.Title, false, sb.ToString());
        }

        return Results.Content(html, "text/html; charset=utf-8");
    }
}
