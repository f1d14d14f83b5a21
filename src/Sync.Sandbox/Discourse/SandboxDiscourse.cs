using System.Text;
using Sync.Sandbox.Model;

namespace Sync.Sandbox.Discourse;

/// <summary>
/// An emulated Discourse forum with the topic voting plugin, served under <c>/discourse/</c> (its root is its API root).
/// Requests authenticate with <c>Api-Key</c> (<see cref="SandboxInstance.Token"/>) and act as the <c>Api-Username</c>
/// user, an admin. Every read and write holds <see cref="SandboxInstance.Sync"/>.
/// </summary>
public sealed class SandboxDiscourse
{
    private readonly List<DiscourseCategory> _categories = [];
    private readonly Dictionary<long, DiscourseTopic> _topics = [];
    private long _lastCategoryId = 4;
    private long _lastTopicId = 100;
    private long _lastPostId = 1000;

    internal SandboxDiscourse(SandboxInstance instance)
    {
        Instance = instance;
        instance.User("system");
    }

    /// <summary>The demo seed's category of voted ideas (project path <c>c/ideas</c>).</summary>
    public const string DemoCategory = DiscourseDemoSeed.Category;

    public SandboxInstance Instance { get; }

    public Uri Root => Instance.WebUrl;

    /// <summary>The API key (<c>Api-Key</c>) of an all-users admin key.</summary>
    public string ApiKey => Instance.Token;

    /// <summary>Site setting <c>topics_per_page</c> (default 30): a category listing's page size.</summary>
    public int TopicsPerPage { get; set; } = 30;

    /// <summary><c>TopicView.chunk_size</c>: posts a topic read carries (20).</summary>
    public int ChunkSize { get; set; } = 20;

    /// <summary>The topic voting plugin is installed and <c>voting_enabled</c> (else no <c>vote_count</c>, no <c>/voting</c>).</summary>
    public bool VotingPlugin { get; set; } = true;

    /// <summary>Site setting <c>voting_show_who_voted</c> (default true): off, <c>/voting/who</c> answers <c>null</c>.</summary>
    public bool ShowWhoVoted { get; set; } = true;

    /// <summary>
    /// Release votes the way plugin 0.4 did (user custom fields): a closed topic's voters drop out of <c>/voting/who</c> and
    /// its <c>vote_count</c> becomes 0. The default follows the current plugin: votes are archived and still listed and counted.
    /// </summary>
    public bool LegacyVoteRelease { get; set; }

    /// <summary>Global setting <c>max_admin_api_reqs_per_minute</c> (default 60); 0 turns the limit off. Enforced when rate limits are.</summary>
    public int AdminApiRequestsPerMinute { get; set; } = 60;

    /// <summary>The limiter's window (a minute on Discourse; shorter in tests so a 429's wait is short).</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Site setting <c>max_post_length</c> (default 32000).</summary>
    public int MaxPostLength { get; set; } = 32_000;

    public IReadOnlyList<DiscourseCategory> Categories()
    {
        lock (Instance.Sync)
        {
            return [.. _categories];
        }
    }

    public DiscourseCategory? FindCategory(string slugPath)
    {
        lock (Instance.Sync)
        {
            return _categories.Find(c => string.Equals(c.SlugPath, slugPath.Trim('/'), StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Adds a category with voting on and its "About" topic; <paramref name="parentSlug"/> makes a subcategory.</summary>
    public DiscourseCategory AddCategory(string slug, string name, string? parentSlug = null, bool voting = true)
    {
        lock (Instance.Sync)
        {
            var parent = parentSlug is null ? null : FindCategory(parentSlug) ?? throw new KeyNotFoundException($"No category {parentSlug}.");
            var category = new DiscourseCategory { Id = ++_lastCategoryId, Slug = slug, Name = name, Parent = parent, Voting = voting };
            _categories.Add(category);
            var about = AddTopic(category.SlugPath, $"About the {name} category", $"Ideas for {name}. Vote for the ones you want.", "system", [], Instance.Time.GetUtcNow().AddYears(-1));
            about.Pinned = true;
            category.AboutTopicId = about.Id;
            return category;
        }
    }

    public DiscourseTopic AddTopic(string categoryPath, string title, string raw, string author, IReadOnlyList<string>? tags = null, DateTimeOffset? createdAt = null)
    {
        lock (Instance.Sync)
        {
            var category = FindCategory(categoryPath) ?? throw new KeyNotFoundException($"No category {categoryPath}.");
            var at = createdAt ?? Instance.Time.GetUtcNow();
            var topic = new DiscourseTopic
            {
                Id = ++_lastTopicId,
                Title = title,
                Slug = Slugify(title),
                Category = category,
                Author = Instance.User(author),
                CreatedAt = at,
                BumpedAt = at,
                LastPostedAt = at,
            };
            topic.Tags.AddRange(tags ?? []);
            _topics[topic.Id] = topic;
            AddPostLocked(topic, raw, topic.Author, DiscoursePost.Regular, at, null);
            return topic;
        }
    }

    public DiscourseTopic Topic(long id)
    {
        lock (Instance.Sync)
        {
            return _topics.TryGetValue(id, out var topic) ? topic : throw new KeyNotFoundException($"No topic {id}.");
        }
    }

    internal DiscourseTopic? FindTopic(long id) => _topics.GetValueOrDefault(id);

    internal IEnumerable<DiscourseTopic> TopicsLocked => _topics.Values;

    /// <summary>A reply (or a whisper, a small action...); a regular post bumps the topic.</summary>
    public DiscoursePost AddPost(long topicId, string raw, string author, int postType = DiscoursePost.Regular, DateTimeOffset? at = null)
    {
        lock (Instance.Sync)
        {
            return AddPostLocked(Topic(topicId), raw, Instance.User(author), postType, at ?? Instance.Time.GetUtcNow(), null);
        }
    }

    internal DiscoursePost AddPostLocked(DiscourseTopic topic, string raw, SandboxUser author, int postType, DateTimeOffset at, string? actionCode)
    {
        var post = new DiscoursePost
        {
            Id = ++_lastPostId,
            Topic = topic,
            PostNumber = topic.Posts.Count + 1,
            Raw = raw,
            Author = author,
            CreatedAt = at,
            UpdatedAt = at,
            PostType = postType,
            ActionCode = actionCode,
        };
        topic.Posts.Add(post);

        // Only regular posts bump a topic and count as its last post (PostCreator: whispers and actions do not bump).
        if (postType == DiscoursePost.Regular)
        {
            topic.BumpedAt = at;
            topic.LastPostedAt = at;
        }

        return post;
    }

    /// <summary>Votes for a topic as these users (the plugin's <c>POST /voting/vote</c>; one vote per user).</summary>
    public void Vote(long topicId, params string[] usernames)
    {
        lock (Instance.Sync)
        {
            var topic = Topic(topicId);
            foreach (var user in usernames.Select(Instance.User))
            {
                if (!topic.Votes.Exists(v => v.User.Id == user.Id))
                {
                    topic.Votes.Add(new DiscourseVote { User = user, CreatedAt = Instance.Time.GetUtcNow() });
                }
            }

            topic.VoteCount = topic.Votes.Count;
        }
    }

    /// <summary>
    /// <c>Topic#update_status</c> for closed/archived: sets the flag, adds the small action post (<c>closed.enabled</c>...),
    /// and as the voting plugin's <c>topic_status_updated</c> handler runs <c>VoteRelease</c> (enabled) or <c>VoteReclaim</c>.
    /// </summary>
    internal void SetStatusLocked(DiscourseTopic topic, string status, bool enabled, SandboxUser by, DateTimeOffset at)
    {
        if (status == "closed")
        {
            topic.Closed = enabled;
        }
        else
        {
            topic.Archived = enabled;
        }

        AddPostLocked(topic, string.Empty, by, DiscoursePost.SmallAction, at, $"{status}.{(enabled ? "enabled" : "disabled")}");
        if (!VotingPlugin)
        {
            return;
        }

        // Jobs::VoteRelease: votes.update_all(archive: true); topic.update_vote_count (counts every vote row).
        // Plugin 0.4: the topic id left the voters' "votes" custom field, so who_voted no longer found them.
        foreach (var vote in topic.Votes)
        {
            vote.Archive = enabled;
        }

        if (enabled && LegacyVoteRelease)
        {
            topic.Votes.Clear();
        }

        topic.VoteCount = topic.Votes.Count;
    }

    public void SetStatus(long topicId, string status, bool enabled)
    {
        lock (Instance.Sync)
        {
            SetStatusLocked(Topic(topicId), status, enabled, Instance.User("system"), Instance.Time.GetUtcNow());
        }
    }

    internal static string Slugify(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "topic" : text;
    }
}
