using System.Globalization;
using System.Text.Json.Nodes;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.Discourse;

/// <summary>The Discourse endpoints a feature-forum source uses; every handler runs under the instance lock.</summary>
internal sealed class DiscourseHandlers(SandboxDiscourse forum)
{
    private static ApiReply NotFound() => DiscourseJson.Errors(404, "not_found", "The requested URL or resource could not be found.");

    private static SandboxUser Acting(ApiRequest r) =>
        DiscourseDialect.Acting(r.Instance, r.Http.Request.Headers["Api-Username"].ToString()) ?? r.User;

    // SessionController#current: CurrentUserSerializer under "current_user".
    public ApiReply CurrentUser(ApiRequest r)
    {
        var user = DiscourseJson.BasicUser(Acting(r));
        user["admin"] = true;
        user["moderator"] = false;
        user["staff"] = true;
        user["trust_level"] = 4;
        return ApiReply.Ok(new JsonObject { ["current_user"] = user });
    }

    // CategoriesController#index: top-level categories; include_subcategories=true nests subcategory_list.
    public ApiReply Categories(ApiRequest r)
    {
        var all = forum.Categories();
        var withSub = r.Bool("include_subcategories") == true;
        var topics = forum.TopicsLocked.ToList();
        return ApiReply.Ok(new JsonObject
        {
            ["category_list"] = new JsonObject
            {
                ["can_create_category"] = true,
                ["can_create_topic"] = true,
                ["categories"] = new JsonArray([.. all.Where(c => c.Parent is null).Select(c => (JsonNode?)DiscourseJson.Category(c, topics, all, withSub))]),
            },
        });
    }

    /// <summary>
    /// ListController#category_default (<c>/c/:slug/:id/l/latest.json</c>): bumped order, pinned first, <c>topics_per_page</c>
    /// a page (0-based <c>page</c>); subcategories' topics included unless <c>no_subcategories=true</c> (their "About" topics not:
    /// site setting <c>show_category_definitions_in_topic_lists</c>, default false);
    /// <c>more_topics_url</c> whenever the page is full (TopicListSerializer#include_more_topics_url?).
    /// </summary>
    public ApiReply Latest(ApiRequest r)
    {
        var path = r.Route("parent") is { Length: > 0 } parent ? $"{parent}/{r.Route("slug")}" : r.Route("slug");
        var category = forum.FindCategory(path);
        if (category is null || category.Id != r.RouteLong("id"))
        {
            return NotFound();
        }

        var withSub = r.Bool("no_subcategories") != true;
        var topics = forum.TopicsLocked
            .Where(t => t.DeletedAt is null && (t.Category == category || (withSub && t.Category.Parent == category && t.Id != t.Category.AboutTopicId)))
            .OrderByDescending(t => t.Pinned).ThenByDescending(t => t.BumpedAt).ThenByDescending(t => t.Id)
            .ToList();
        var page = Math.Max(0, r.Int("page") ?? 0);
        var size = forum.TopicsPerPage;
        var items = topics.Skip(page * size).Take(size).ToList();
        var users = items.SelectMany(t => t.Posts.Where(p => p.PostType == DiscoursePost.Regular).Select(p => p.Author)).DistinctBy(u => u.Id);
        var list = new JsonObject
        {
            ["can_create_topic"] = true,
            ["per_page"] = size,
            ["top_tags"] = new JsonArray(),
            ["topics"] = new JsonArray([.. items.Select(t => (JsonNode?)DiscourseJson.ListItem(t, forum.VotingPlugin))]),
        };
        if (items.Count == size)
        {
            var sub = withSub ? string.Empty : "no_subcategories=true&";
            list["more_topics_url"] = $"/c/{category.SlugPath}/{category.Id.ToString(CultureInfo.InvariantCulture)}/l/latest?{sub}page={(page + 1).ToString(CultureInfo.InvariantCulture)}";
        }

        return ApiReply.Ok(new JsonObject
        {
            ["users"] = new JsonArray([.. users.Select(u => (JsonNode?)DiscourseJson.BasicUser(u))]),
            ["primary_groups"] = new JsonArray(),
            ["flair_groups"] = new JsonArray(),
            ["topic_list"] = list,
        });
    }

    /// <summary>
    /// TopicsController#show for an admin: the first <c>chunk_size</c> posts and every post id, whispers, hidden and
    /// deleted posts included (staff see them; deleted ones carry <c>deleted_at</c>), a deleted topic too; <c>raw</c> only
    /// with <c>include_raw</c>.
    /// </summary>
    public ApiReply Topic(ApiRequest r)
    {
        if (forum.FindTopic(r.RouteLong("id") ?? 0) is not { } topic)
        {
            return NotFound();
        }

        var stream = topic.Posts.OrderBy(p => p.PostNumber).ToList();
        return ApiReply.Ok(DiscourseJson.Topic(topic, [.. stream.Take(forum.ChunkSize)], stream, IncludeRaw(r), forum.VotingPlugin));
    }

    /// <summary>TopicsController#posts: the posts of <c>post_ids[]</c> in topic order, under <c>post_stream.posts</c>.</summary>
    public ApiReply TopicPosts(ApiRequest r)
    {
        if (forum.FindTopic(r.RouteLong("id") ?? 0) is not { } topic)
        {
            return NotFound();
        }

        var ids = (r.Args["post_ids"] as JsonArray)?.Select(n => long.TryParse(n?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).ToHashSet() ?? [];
        if (ids.Count == 0)
        {
            return DiscourseJson.Errors(400, "invalid_parameters", "param is missing or the value is empty: post_ids");
        }

        var posts = topic.Posts.Where(p => ids.Contains(p.Id)).OrderBy(p => p.PostNumber);
        return ApiReply.Ok(new JsonObject
        {
            ["post_stream"] = new JsonObject { ["posts"] = new JsonArray([.. posts.Select(p => (JsonNode?)DiscourseJson.Post(p, IncludeRaw(r)))]) },
            ["id"] = topic.Id,
        });
    }

    // PostsController#show: PostSerializer with raw.
    public ApiReply Post(ApiRequest r)
    {
        var id = r.RouteLong("id");
        var post = forum.TopicsLocked.SelectMany(t => t.Posts).FirstOrDefault(p => p.Id == id);
        return post is null ? NotFound() : ApiReply.Ok(DiscourseJson.Post(post, includeRaw: true));
    }

    /// <summary>
    /// PostsController#create with <c>topic_id</c>: a reply as the acting user; 422 beyond <c>max_post_length</c>, on a
    /// closed topic (staff may still post; here as on Discourse) it is accepted. Answers the post with its raw.
    /// </summary>
    public ApiReply CreatePost(ApiRequest r)
    {
        var raw = r.Str("raw") ?? string.Empty;
        if (r.Long("topic_id") is not { } topicId)
        {
            return new ApiReply(422, new JsonObject { ["action"] = "create_post", ["errors"] = new JsonArray("Title can't be blank") });
        }

        if (forum.FindTopic(topicId) is not { } topic || topic.DeletedAt is not null)
        {
            return NotFound();
        }

        if (raw.Trim().Length == 0)
        {
            return new ApiReply(422, new JsonObject { ["action"] = "create_post", ["errors"] = new JsonArray("Body can't be blank") });
        }

        if (raw.Length > forum.MaxPostLength)
        {
            return new ApiReply(422, new JsonObject
            {
                ["action"] = "create_post",
                ["errors"] = new JsonArray($"Body is limited to {forum.MaxPostLength.ToString(CultureInfo.InvariantCulture)} characters; you entered {raw.Length.ToString(CultureInfo.InvariantCulture)}."),
            });
        }

        var post = forum.AddPostLocked(topic, raw, Acting(r), DiscoursePost.Regular, r.Now, null);
        return ApiReply.Ok(DiscourseJson.Post(post, includeRaw: true));
    }

    /// <summary>
    /// TopicsController#status: <c>status</c> (closed, archived, visible, pinned) and <c>enabled</c> are required;
    /// answers <c>{"success":"OK","topic_status_update":null}</c>.
    /// </summary>
    public ApiReply Status(ApiRequest r)
    {
        var status = r.Str("status");
        var enabled = r.Str("enabled");
        if (string.IsNullOrEmpty(status) || string.IsNullOrEmpty(enabled))
        {
            return DiscourseJson.Errors(400, "invalid_parameters", $"param is missing or the value is empty: {(string.IsNullOrEmpty(status) ? "status" : "enabled")}");
        }

        if (forum.FindTopic(r.RouteLong("id") ?? 0) is not { } topic || topic.DeletedAt is not null)
        {
            return NotFound();
        }

        if (status is not ("closed" or "archived"))
        {
            return DiscourseJson.Errors(400, "invalid_parameters", "the sandbox emulates only status closed and archived");
        }

        var on = enabled == "true";
        if ((status == "closed" ? topic.Closed : topic.Archived) != on)
        {
            forum.SetStatusLocked(topic, status, on, Acting(r), r.Now);
        }

        return ApiReply.Ok(new JsonObject { ["success"] = "OK", ["topic_status_update"] = null });
    }

    /// <summary>
    /// discourse-topic-voting VotesController#who: the topic's voters (every vote row, archived ones too: Topic#who_voted is
    /// <c>votes.map(&amp;:user)</c>) as BasicUserSerializer, or <c>null</c> when <c>voting_show_who_voted</c> is off.
    /// </summary>
    public ApiReply Who(ApiRequest r)
    {
        if (!forum.VotingPlugin)
        {
            return NotFound();
        }

        if (r.Long("topic_id") is not { } id)
        {
            return DiscourseJson.Errors(400, "invalid_parameters", "param is missing or the value is empty: topic_id");
        }

        if (forum.FindTopic(id) is not { } topic)
        {
            return NotFound();
        }

        return forum.ShowWhoVoted
            ? ApiReply.Ok(new JsonArray([.. topic.Votes.Select(v => (JsonNode?)DiscourseJson.BasicUser(v.User))]))
            : new ApiReply(200, Text: "null") { ContentType = "application/json; charset=utf-8" };
    }

    private static bool IncludeRaw(ApiRequest r) => r.Bool("include_raw") == true;
}
