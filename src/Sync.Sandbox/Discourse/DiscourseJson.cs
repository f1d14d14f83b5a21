using System.Text.Json.Nodes;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.Discourse;

/// <summary>
/// Discourse's JSON shapes as its serializers write them (TopicListItemSerializer, TopicViewSerializer, PostSerializer,
/// BasicUserSerializer, CategorySerializer), with the fields the docs' examples show, read or not; plus the voting
/// plugin's <c>vote_count</c>/<c>can_vote</c>/<c>user_voted</c> where it is installed.
/// </summary>
internal static class DiscourseJson
{
    public static JsonObject BasicUser(SandboxUser user) => new()
    {
        ["id"] = user.Id,
        ["username"] = user.Username,
        ["name"] = user.Name,
        ["avatar_template"] = $"/letter_avatar_proxy/v4/letter/{char.ToLowerInvariant(user.Username[0])}/8c91f0/{{size}}.png",
    };

    public static JsonObject Category(DiscourseCategory category, IEnumerable<DiscourseTopic> topics, IReadOnlyList<DiscourseCategory> all, bool withSubcategories)
    {
        var mine = topics.Where(t => t.Category == category && t.DeletedAt is null).ToList();
        var json = new JsonObject
        {
            ["id"] = category.Id,
            ["name"] = category.Name,
            ["color"] = category.Color,
            ["text_color"] = "FFFFFF",
            ["slug"] = category.Slug,
            ["topic_count"] = mine.Count,
            ["post_count"] = mine.Sum(t => t.Posts.Count),
            ["position"] = category.Id,
            ["description"] = $"Ideas for {category.Name}.",
            ["topic_url"] = $"/t/{SandboxDiscourse.Slugify("About the " + category.Name + " category")}/{category.AboutTopicId}",
            ["read_restricted"] = false,
            ["permission"] = 1,
            ["parent_category_id"] = category.Parent?.Id,
            ["subcategory_ids"] = new JsonArray([.. all.Where(c => c.Parent == category).Select(c => (JsonNode?)c.Id)]),
        };
        if (withSubcategories && category.Parent is null)
        {
            json["subcategory_list"] = new JsonArray([.. all.Where(c => c.Parent == category).Select(c => (JsonNode?)Category(c, topics, all, false))]);
        }

        return json;
    }

    public static JsonObject ListItem(DiscourseTopic topic, bool voting)
    {
        var posters = topic.Posts.Where(p => p.PostType == DiscoursePost.Regular).Select(p => p.Author).DistinctBy(u => u.Id).Take(5).ToList();
        var json = new JsonObject
        {
            ["id"] = topic.Id,
            ["title"] = topic.Title,
            ["fancy_title"] = System.Net.WebUtility.HtmlEncode(topic.Title),
            ["slug"] = topic.Slug,
            ["posts_count"] = topic.Posts.Count(p => p.PostType != DiscoursePost.Whisper),
            ["reply_count"] = Math.Max(0, topic.Posts.Count(p => p.PostType == DiscoursePost.Regular) - 1),
            ["highest_post_number"] = topic.Posts.Count,
            ["image_url"] = null,
            ["created_at"] = JsonTime.LabTime(topic.CreatedAt),
            ["last_posted_at"] = JsonTime.LabTime(topic.LastPostedAt),
            ["bumped"] = true,
            ["bumped_at"] = JsonTime.LabTime(topic.BumpedAt),
            ["archetype"] = "regular",
            ["unseen"] = false,
            ["pinned"] = topic.Pinned,
            ["unpinned"] = null,
            ["visible"] = true,
            ["closed"] = topic.Closed,
            ["archived"] = topic.Archived,
            ["bookmarked"] = null,
            ["liked"] = null,
            ["tags"] = new JsonArray([.. topic.Tags.Select(t => (JsonNode?)t)]),
            ["tags_descriptions"] = new JsonObject(),
            ["views"] = 0,
            ["like_count"] = 0,
            ["has_summary"] = false,
            ["last_poster_username"] = posters.LastOrDefault()?.Username,
            ["category_id"] = topic.Category.Id,
            ["pinned_globally"] = false,
            ["featured_link"] = null,
            ["posters"] = new JsonArray([.. posters.Select((u, i) => (JsonNode?)new JsonObject
            {
                ["extras"] = i == 0 ? "latest" : null,
                ["description"] = i == 0 ? "Original Poster" : "Frequent Poster",
                ["user_id"] = u.Id,
                ["primary_group_id"] = null,
                ["flair_group_id"] = null,
            })]),
        };
        AddVotes(json, topic, voting);
        return json;
    }

    public static JsonObject Topic(DiscourseTopic topic, IReadOnlyList<DiscoursePost> chunk, IReadOnlyList<DiscoursePost> stream, bool includeRaw, bool voting)
    {
        var json = new JsonObject
        {
            ["post_stream"] = new JsonObject
            {
                ["posts"] = new JsonArray([.. chunk.Select(p => (JsonNode?)Post(p, includeRaw))]),
                ["stream"] = new JsonArray([.. stream.Select(p => (JsonNode?)p.Id)]),
            },
            ["timeline_lookup"] = new JsonArray(),
            ["tags"] = new JsonArray([.. topic.Tags.Select(t => (JsonNode?)t)]),
            ["tags_descriptions"] = new JsonObject(),
            ["id"] = topic.Id,
            ["title"] = topic.Title,
            ["fancy_title"] = System.Net.WebUtility.HtmlEncode(topic.Title),
            ["posts_count"] = stream.Count(p => p.PostType != DiscoursePost.Whisper),
            ["created_at"] = JsonTime.LabTime(topic.CreatedAt),
            ["views"] = 0,
            ["reply_count"] = Math.Max(0, stream.Count(p => p.PostType == DiscoursePost.Regular) - 1),
            ["like_count"] = 0,
            ["last_posted_at"] = JsonTime.LabTime(topic.LastPostedAt),
            ["visible"] = true,
            ["closed"] = topic.Closed,
            ["archived"] = topic.Archived,
            ["has_summary"] = false,
            ["archetype"] = "regular",
            ["slug"] = topic.Slug,
            ["category_id"] = topic.Category.Id,
            ["word_count"] = stream.Sum(p => p.Raw.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length),
            ["deleted_at"] = topic.DeletedAt is { } deleted ? JsonTime.LabTime(deleted) : null,
            ["user_id"] = topic.Author.Id,
            ["featured_link"] = null,
            ["pinned_globally"] = false,
            ["pinned_at"] = null,
            ["pinned_until"] = null,
            ["image_url"] = null,
            ["slow_mode_seconds"] = 0,
            ["draft"] = null,
            ["draft_key"] = $"topic_{topic.Id}",
            ["draft_sequence"] = 0,
            ["unpinned"] = null,
            ["pinned"] = topic.Pinned,
            ["current_post_number"] = 1,
            ["highest_post_number"] = topic.Posts.Count,
            ["deleted_by"] = null,
            ["actions_summary"] = new JsonArray(),
            ["chunk_size"] = chunk.Count,
            ["bookmarked"] = false,
            ["topic_timer"] = null,
            ["message_bus_last_id"] = 0,
            ["participant_count"] = stream.Select(p => p.Author.Id).Distinct().Count(),
            ["show_read_indicator"] = false,
            ["thumbnails"] = null,
            ["details"] = new JsonObject
            {
                ["can_edit"] = true,
                ["notification_level"] = 1,
                ["can_close_topic"] = true,
                ["can_archive_topic"] = true,
                ["created_by"] = BasicUser(topic.Author),
                ["last_poster"] = BasicUser(stream.LastOrDefault(p => p.PostType == DiscoursePost.Regular)?.Author ?? topic.Author),
                ["participants"] = new JsonArray(),
            },
            ["bookmarks"] = new JsonArray(),
        };
        AddVotes(json, topic, voting);
        return json;
    }

    // TopicViewSerializer / topic_list_item: can_vote, vote_count, user_voted (plugin.rb add_to_serializer).
    private static void AddVotes(JsonObject json, DiscourseTopic topic, bool voting)
    {
        if (voting)
        {
            json["can_vote"] = topic.Category.Voting && topic.Category.AboutTopicId != topic.Id;
            json["vote_count"] = topic.VoteCount;
            json["user_voted"] = false;
        }
    }

    public static JsonObject Post(DiscoursePost post, bool includeRaw)
    {
        var json = new JsonObject
        {
            ["id"] = post.Id,
            ["name"] = post.Author.Name,
            ["username"] = post.Author.Username,
            ["avatar_template"] = BasicUser(post.Author)["avatar_template"]!.DeepClone(),
            ["created_at"] = JsonTime.LabTime(post.CreatedAt),
            ["cooked"] = Web.WebMarkdown.ToHtml(post.Raw, null),
            ["post_number"] = post.PostNumber,
            ["post_type"] = post.PostType,
            ["updated_at"] = JsonTime.LabTime(post.UpdatedAt),
            ["reply_count"] = 0,
            ["reply_to_post_number"] = null,
            ["quote_count"] = 0,
            ["incoming_link_count"] = 0,
            ["reads"] = 1,
            ["readers_count"] = 0,
            ["score"] = 0,
            ["yours"] = false,
            ["topic_id"] = post.Topic.Id,
            ["topic_slug"] = post.Topic.Slug,
            ["display_username"] = post.Author.Name,
            ["primary_group_name"] = null,
            ["flair_name"] = null,
            ["version"] = 1,
            ["can_edit"] = true,
            ["can_delete"] = true,
            ["can_recover"] = post.DeletedAt is not null,
            ["can_wiki"] = true,
            ["read"] = true,
            ["user_title"] = null,
            ["bookmarked"] = false,
            ["actions_summary"] = new JsonArray(),
            ["moderator"] = false,
            ["admin"] = false,
            ["staff"] = false,
            ["user_id"] = post.Author.Id,
            ["hidden"] = post.Hidden,
            ["trust_level"] = 1,
            ["deleted_at"] = post.DeletedAt is { } deleted ? JsonTime.LabTime(deleted) : null,
            ["user_deleted"] = false,
            ["edit_reason"] = null,
            ["can_view_edit_history"] = true,
            ["wiki"] = false,
        };
        if (post.ActionCode is not null)
        {
            json["action_code"] = post.ActionCode;
        }

        if (includeRaw)
        {
            json["raw"] = post.Raw;
        }

        return json;
    }

    public static ApiReply Errors(int status, string errorType, string message) =>
        new(status, new JsonObject { ["errors"] = new JsonArray(message), ["error_type"] = errorType });
}
