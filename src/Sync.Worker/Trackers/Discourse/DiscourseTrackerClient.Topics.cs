using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Sync.Core.Forums;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.Discourse;

internal sealed partial class DiscourseTrackerClient
{
    // A hostile or broken forum could announce a next page forever; no category of ideas has this many.
    private const int MaxListPages = 5_000;

    // Topic reads handed from a listing to the comment reads after it: bounded, as ideas the rules turn down stay until
    // the next listing (a topic read is at most 20 posts).
    private const int MaxListedTopics = 500;

    /// <summary>
    /// The category's topics (not its subcategories'), 30 a page (<c>topics_per_page</c>) from <c>/c/&lt;slug&gt;/&lt;id&gt;/l/latest.json</c>
    /// following <c>more_topics_url</c>, filtered here by state (closed or archived is Closed) and tags (all present);
    /// <see cref="IssueQuery.UpdatedSince"/> is honoured on <c>bumped_at</c> (a new post bumps a topic, a vote does not).
    /// Each idea kept is then read once (<c>/t/&lt;id&gt;.json?include_raw=true</c>) for its Markdown, oldest bump first.
    /// </summary>
    public async IAsyncEnumerable<TrackerIssue> ListIssuesAsync(string projectPath, IssueQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var kept = new List<JsonObject>();
        await foreach (var item in ListTopicItemsAsync(projectPath, cancellationToken).ConfigureAwait(false))
        {
            // The list is in bump order after its pinned topics: past the first unpinned topic bumped before the bound,
            // every later one is older too, so no further page is read.
            if (query.UpdatedSince is { } since && !item.Flag("pinned") && (item.Time("bumped_at") ?? item.Time("created_at")) < since)
            {
                break;
            }

            if (Matches(item, query))
            {
                kept.Add(item);
            }
        }

        _listedTopics.Clear();
        foreach (var item in kept.OrderBy(i => i.Time("bumped_at") ?? i.Time("created_at")).ThenBy(i => i.Long("id")))
        {
            var id = item.Long("id")!.Value;
            var topic = await ReadTopicAsync(id, cancellationToken).ConfigureAwait(false);
            if (topic.Present("deleted_at"))
            {
                continue;
            }

            if (_listedTopics.Count < MaxListedTopics)
            {
                _listedTopics[id] = topic;
            }

            yield return await ToIssueAsync(projectPath, topic, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool Matches(JsonObject item, IssueQuery query)
    {
        var closed = item.Flag("closed") || item.Flag("archived");
        if ((query.State == IssueStateFilter.Open && closed) || (query.State == IssueStateFilter.Closed && !closed))
        {
            return false;
        }

        if (query.Labels is { Count: > 0 } labels)
        {
            var tags = item.Tags();
            if (!labels.All(l => tags.Contains(l, StringComparer.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        return query.UpdatedSince is not { } since || (item.Time("bumped_at") ?? item.Time("created_at")) >= since;
    }

    /// <summary>Every topic list item of the category, the category's own description topic left out.</summary>
    private async IAsyncEnumerable<JsonObject> ListTopicItemsAsync(string projectPath, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var category = await CategoryAsync(projectPath, cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<long>();
        for (var page = 0; page < MaxListPages; page++)
        {
            var relative = $"c/{category.SlugPath}/{DiscourseJson.Id(category.Id)}/l/latest.json?no_subcategories=true&page={page.ToString(CultureInfo.InvariantCulture)}";
            var answer = await GetAsync(relative, "GET /c/:slug/:id/l/latest.json", cancellationToken).ConfigureAwait(false);
            var list = answer.Obj("topic_list");
            var users = answer.Objects("users").Where(u => u.Long("id") is not null).GroupBy(u => u.Long("id")!.Value).ToDictionary(g => g.Key, g => g.First());
            var any = false;
            foreach (var item in list.Objects("topics"))
            {
                // Offset pages drift while topics are bumped: a topic seen on an earlier page is not listed twice.
                if (item.Long("id") is not { } id || id == category.AboutTopicId || !seen.Add(id))
                {
                    continue;
                }

                any = true;
                if (OriginalPoster(item, users) is { } poster)
                {
                    item["_author"] = poster.DeepClone();
                }

                yield return item;
            }

            if (!any || string.IsNullOrEmpty(list.Str("more_topics_url")))
            {
                yield break;
            }
        }
    }

    /// <summary>The list item's original poster (<c>posters[].description</c> starts "Original Poster"), from the answer's <c>users</c>.</summary>
    private static JsonObject? OriginalPoster(JsonObject item, Dictionary<long, JsonObject> users)
    {
        var posters = item.Objects("posters").ToList();
        var original = posters.FirstOrDefault(p => p.Str("description")?.StartsWith("Original Poster", StringComparison.Ordinal) == true) ?? posters.FirstOrDefault();
        return original?.Long("user_id") is { } userId && users.TryGetValue(userId, out var user) ? user : null;
    }

    /// <summary>
    /// One idea, read now. The read is also handed, once and only within <see cref="RecentReadWindow"/>, to an
    /// <see cref="EditIssueAsync"/> of the same idea: the move reads an idea right before closing it ("is it still
    /// wanted?"), and the close needs the same read. Comments never come from it: a re-read after a lost reply must see the forum.
    /// </summary>
    public async Task<TrackerIssue> GetIssueAsync(string projectPath, long number, CancellationToken cancellationToken)
    {
        var topic = await ReadTopicInCategoryAsync(projectPath, number, cancellationToken).ConfigureAwait(false);
        _recentReads[number] = (topic.DeepClone().AsObject(), time.GetUtcNow());
        return await ToIssueAsync(projectPath, topic, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How old a read of <see cref="GetIssueAsync"/> an edit may still use instead of reading again.</summary>
    internal static readonly TimeSpan RecentReadWindow = TimeSpan.FromSeconds(10);

    private async Task<JsonObject> TopicForEditAsync(string projectPath, long number, CancellationToken cancellationToken) =>
        _recentReads.TryRemove(number, out var recent) && time.GetUtcNow() - recent.At < RecentReadWindow
            ? recent.Topic
            : await ReadTopicInCategoryAsync(projectPath, number, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A topic of the category: 404 when it is gone, deleted (staff still read a deleted topic, with <c>deleted_at</c> set)
    /// or belongs to another category.
    /// </summary>
    private async Task<JsonObject> ReadTopicInCategoryAsync(string projectPath, long number, CancellationToken cancellationToken)
    {
        var category = await CategoryAsync(projectPath, cancellationToken).ConfigureAwait(false);
        var topic = await ReadTopicAsync(number, cancellationToken).ConfigureAwait(false);
        if (topic.Present("deleted_at") || topic.Long("category_id") != category.Id)
        {
            throw new TrackerNotFoundException(Name, $"topic {DiscourseJson.Id(number)} of {projectPath}: deleted, or moved to another category");
        }

        return topic;
    }

    /// <summary>One topic with its first <see cref="PostChunk"/> posts in Markdown and every post id (<c>post_stream.stream</c>).</summary>
    private Task<JsonObject> ReadTopicAsync(long id, CancellationToken cancellationToken) =>
        GetAsync($"t/{DiscourseJson.Id(id)}.json?include_raw=true", "GET /t/:id.json", cancellationToken);

    private async Task<TrackerIssue> ToIssueAsync(string projectPath, JsonObject topic, CancellationToken cancellationToken)
    {
        var id = topic.Long("id") ?? throw Malformed("/t/:id.json", "id");
        var first = topic.Obj("post_stream").Objects("posts").FirstOrDefault(p => p.Long("post_number") == 1);
        var body = first is null ? string.Empty : await RawAsync(first, cancellationToken).ConfigureAwait(false);
        var creator = topic.Obj("details").Obj("created_by");
        var author = creator?.Str("username") is { } username
            ? new TrackerUser(username, creator.Long("id") ?? 0)
            : new TrackerUser(first.Str("username") ?? "unknown", first.Long("user_id") ?? 0);
        var created = topic.Time("created_at") ?? throw Malformed("/t/:id.json", "created_at");
        var updated = new[] { topic.Time("bumped_at"), topic.Time("last_posted_at"), created }.Max()!.Value;
        var archived = topic.Flag("archived");
        return new TrackerIssue
        {
            Ref = RefOf(projectPath, id),
            Id = id,
            Title = topic.Str("title") ?? string.Empty,
            Body = body,
            State = archived || topic.Flag("closed") ? IssueState.Closed : IssueState.Open,
            StateReason = archived ? ForumRules.LockReason : null,
            Labels = topic.Tags(),
            Author = author,
            CreatedAt = created,
            UpdatedAt = updated,
            WebUrl = TopicWebUrl(topic.Str("slug"), id),
            Upvotes = (int)Math.Clamp(topic.Long("vote_count") ?? 0, 0, int.MaxValue),
            CommentCount = (int)Math.Clamp((topic.Long("posts_count") ?? 1) - 1, 0, int.MaxValue),
        };
    }

    /// <summary>
    /// Closes (status <c>closed</c>) or locks (status <c>archived</c>, for the reason <see cref="ForumRules.LockReason"/>) an
    /// idea through <c>PUT /t/&lt;id&gt;/status</c>, after reading and keeping its voters (the voting plugin releases a
    /// closed or archived topic's votes). A label-only edit writes nothing: forums keep no moved label. Nothing else is
    /// supported.
    /// </summary>
    public async Task<TrackerIssue> EditIssueAsync(string projectPath, long number, IssueEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var other = edit with { AddLabels = null, RemoveLabels = null, State = null, StateReason = null };
        if (other != new IssueEdit() || edit.State == IssueState.Open)
        {
            throw Unsupported();
        }

        var topic = await TopicForEditAsync(projectPath, number, cancellationToken).ConfigureAwait(false);
        var issue = await ToIssueAsync(projectPath, topic, cancellationToken).ConfigureAwait(false);
        if (edit.State != IssueState.Closed)
        {
            return issue;
        }

        var locking = string.Equals(edit.StateReason, ForumRules.LockReason, StringComparison.OrdinalIgnoreCase);
        var status = locking ? "archived" : "closed";
        await KeepVotersAsync(projectPath, topic, status, cancellationToken).ConfigureAwait(false);
        using var form = new FormUrlEncodedContent([new("status", status), new("enabled", "true")]);
        await SendAsync(HttpMethod.Put, $"t/{DiscourseJson.Id(number)}/status", form, "PUT /t/:id/status", cancellationToken).ConfigureAwait(false);

        // The status answer is {"success":"OK"}; the idea is as read, now closed or locked.
        return issue with { State = IssueState.Closed, StateReason = locking ? ForumRules.LockReason : issue.StateReason };
    }
}
