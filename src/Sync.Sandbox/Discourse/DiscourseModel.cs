using Sync.Sandbox.Model;

namespace Sync.Sandbox.Discourse;

/// <summary>A Discourse category (a subcategory has a <see cref="Parent"/>); its ideas are the topics in it.</summary>
public sealed class DiscourseCategory
{
    public required long Id { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public DiscourseCategory? Parent { get; init; }
    public string Color { get; init; } = "0088CC";

    /// <summary>The topic voting plugin is enabled for the category (<c>DiscourseTopicVoting::CategorySetting</c>).</summary>
    public bool Voting { get; set; } = true;

    /// <summary>The category's "About the ... category" topic, its description (<c>Category#topic_id</c>).</summary>
    public long AboutTopicId { get; set; }

    /// <summary>"ideas" or "parent/child".</summary>
    public string SlugPath => Parent is null ? Slug : $"{Parent.Slug}/{Slug}";
}

/// <summary>A topic: an idea of a feature forum. Its first post is its body.</summary>
public sealed class DiscourseTopic
{
    public required long Id { get; init; }
    public required string Title { get; set; }
    public required string Slug { get; init; }
    public required DiscourseCategory Category { get; set; }
    public required SandboxUser Author { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset BumpedAt { get; set; }
    public DateTimeOffset LastPostedAt { get; set; }
    public bool Closed { get; set; }
    public bool Archived { get; set; }
    public bool Pinned { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public List<string> Tags { get; } = [];
    public List<DiscoursePost> Posts { get; } = [];

    /// <summary>The voting plugin's votes (<c>topic_voting_votes</c>), archived or not.</summary>
    public List<DiscourseVote> Votes { get; } = [];

    /// <summary><c>update_vote_count</c>: every vote row of the topic, archived ones included.</summary>
    public int VoteCount { get; set; }
}

/// <summary>A post; <see cref="PostType"/> as <c>Post.types</c>: 1 regular, 2 moderator action, 3 small action, 4 whisper.</summary>
public sealed class DiscoursePost
{
    public const int Regular = 1;
    public const int ModeratorAction = 2;
    public const int SmallAction = 3;
    public const int Whisper = 4;

    public required long Id { get; init; }
    public required DiscourseTopic Topic { get; init; }
    public required int PostNumber { get; init; }
    public required string Raw { get; set; }
    public required SandboxUser Author { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int PostType { get; init; } = Regular;

    /// <summary>A small action's code (<c>closed.enabled</c>, <c>archived.enabled</c>...).</summary>
    public string? ActionCode { get; init; }

    /// <summary>Hidden after flags: staff still read it, with <c>hidden: true</c>.</summary>
    public bool Hidden { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}

/// <summary>One user's vote on a topic; <see cref="Archive"/> once the topic was closed or archived (vote released).</summary>
public sealed class DiscourseVote
{
    public required SandboxUser User { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public bool Archive { get; set; }
}
