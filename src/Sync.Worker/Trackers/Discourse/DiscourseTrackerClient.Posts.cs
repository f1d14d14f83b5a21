using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.Discourse;

internal sealed partial class DiscourseTrackerClient
{
    // Post.types (app/models/post.rb): regular 1, moderator_action 2, small_action 3, whisper 4.
    private const long ModeratorAction = 2;
    private const long SmallAction = 3;
    private const long Whisper = 4;

    /// <summary>
    /// The replies (every post after the first) in topic order, as Markdown: the topic read carries the first
    /// <see cref="PostChunk"/> posts and every post id; the rest come <see cref="PostChunk"/> at a time from
    /// <c>/t/&lt;id&gt;/posts.json?post_ids[]=...</c>. Whispers are <see cref="TrackerComment.Internal"/>, moderator and small
    /// actions (closed, pinned, split...) <see cref="TrackerComment.System"/>; hidden (flagged) and deleted posts are left out.
    /// </summary>
    public async IAsyncEnumerable<TrackerComment> ListCommentsAsync(string projectPath, long number, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var topic = _listedTopics.TryRemove(number, out var listed) ? listed : await ReadTopicInCategoryAsync(projectPath, number, cancellationToken).ConfigureAwait(false);
        var loaded = topic.Obj("post_stream").Objects("posts").Where(p => p.Long("id") is not null).GroupBy(p => p.Long("id")!.Value).ToDictionary(g => g.Key, g => g.First());
        var stream = topic.Stream();
        var missing = stream.Where(id => !loaded.ContainsKey(id)).ToList();
        for (var i = 0; i < missing.Count; i += PostChunk)
        {
            var ids = string.Join('&', missing.Skip(i).Take(PostChunk).Select(id => "post_ids[]=" + DiscourseJson.Id(id)));
            var more = await GetAsync($"t/{DiscourseJson.Id(number)}/posts.json?include_raw=true&{ids}", "GET /t/:id/posts.json", cancellationToken).ConfigureAwait(false);
            foreach (var post in more.Obj("post_stream").Objects("posts"))
            {
                if (post.Long("id") is { } id)
                {
                    loaded[id] = post;
                }
            }
        }

        var order = stream.Count > 0 ? stream : [.. loaded.Keys];
        foreach (var id in order)
        {
            if (!loaded.TryGetValue(id, out var post) || post.Long("post_number") is null or 1 || post.Flag("hidden") || post.Present("deleted_at") || post.Flag("user_deleted"))
            {
                continue;
            }

            yield return ToComment(post, await RawAsync(post, cancellationToken).ConfigureAwait(false));
        }
    }

    private TrackerComment ToComment(JsonObject post, string raw)
    {
        var type = post.Long("post_type") ?? 1;
        var created = post.Time("created_at") ?? throw Malformed("a post", "created_at");
        return new TrackerComment
        {
            Id = post.Long("id")!.Value,
            Body = raw,
            Author = new TrackerUser(post.Str("username") ?? "unknown", post.Long("user_id") ?? 0),
            CreatedAt = created,
            UpdatedAt = post.Time("updated_at") ?? created,
            System = type is ModeratorAction or SmallAction,
            Internal = type == Whisper,
        };
    }

    /// <summary>A post's Markdown: its <c>raw</c>, or where a forum left it out of a topic read, <c>/posts/&lt;id&gt;.json</c> (which always has it).</summary>
    private async Task<string> RawAsync(JsonObject post, CancellationToken cancellationToken)
    {
        if (post.Str("raw") is { } raw)
        {
            return raw;
        }

        var id = post.Long("id") ?? throw Malformed("a post", "id");
        var full = await GetAsync($"posts/{DiscourseJson.Id(id)}.json", "GET /posts/:id.json", cancellationToken).ConfigureAwait(false);
        return full.Str("raw") ?? string.Empty;
    }

    /// <summary>A reply (<c>POST /posts.json</c> with <c>topic_id</c> and <c>raw</c>): the "Moved to" notice. Whispers are not written.</summary>
    public async Task<TrackerComment> CreateCommentAsync(string projectPath, long number, string body, bool isInternal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (isInternal)
        {
            throw Unsupported();
        }

        var request = new JsonObject { ["topic_id"] = number, ["raw"] = body };
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        var post = await SendAsync(HttpMethod.Post, "posts.json", content, "POST /posts.json", cancellationToken).ConfigureAwait(false);
        // PostsController#create answers the new post; its raw is what was sent where the answer leaves it out.
        return ToComment(post, post.Str("raw") ?? body);
    }
}
