namespace Sync.Sandbox.Model;

/// <summary>A GitHub Discussions category (a repository has at most 25).</summary>
public sealed class SandboxDiscussionCategory
{
    public required long Id { get; init; }
    public required string NodeId { get; init; }
    public required string Name { get; init; }
    public required string Slug { get; init; }
    public bool IsAnswerable { get; init; }
}

/// <summary>
/// A GitHub discussion: its number comes from the repository's one sequence shared with issues and pull requests
/// (docs.github.com, "About discussions": a discussion can be converted from an issue and keeps the number).
/// </summary>
public sealed class SandboxDiscussion
{
    public required long Id { get; init; }
    public required string NodeId { get; init; }
    public required int Number { get; init; }
    public required SandboxProject Project { get; init; }
    public required SandboxDiscussionCategory Category { get; set; }
    public required string Title { get; set; }
    public string Body { get; set; } = "";
    public required SandboxUser? Author { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public bool Closed { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary><c>DiscussionStateReason</c>: DUPLICATE, OUTDATED, RESOLVED, REOPENED, or null.</summary>
    public string? StateReason { get; set; }
    public bool Locked { get; set; }
    public SandboxDiscussionComment? Answer { get; set; }

    /// <summary>Who upvoted (one upvote per user). GitHub exposes only their number, <c>upvoteCount</c>.</summary>
    public HashSet<long> Upvoters { get; } = [];
    public List<string> Labels { get; } = [];

    /// <summary>Top-level comments in creation order; replies hang off them.</summary>
    public List<SandboxDiscussionComment> Comments { get; } = [];

    /// <summary>Reactions by GraphQL <c>ReactionContent</c> (THUMBS_UP, HEART, ...).</summary>
    public List<SandboxAward> Reactions { get; } = [];
}

/// <summary>A discussion comment or a reply (a reply's <see cref="Parent"/> is a top-level comment; replies do not nest further).</summary>
public sealed class SandboxDiscussionComment
{
    public required long Id { get; init; }
    public required string NodeId { get; init; }
    public required SandboxDiscussion Discussion { get; init; }
    public SandboxDiscussionComment? Parent { get; init; }
    public required string Body { get; set; }
    public required SandboxUser? Author { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Hidden by a maintainer (<c>minimizeComment</c>: spam, abuse, off-topic, outdated, duplicate, resolved).</summary>
    public bool IsMinimized { get; set; }
    public List<SandboxDiscussionComment> Replies { get; } = [];
}

/// <summary>A repository's Discussions: categories and discussions, with lookups by number and node id.</summary>
public sealed class SandboxForum
{
    private readonly Dictionary<int, SandboxDiscussion> _byNumber = [];

    public List<SandboxDiscussionCategory> Categories { get; } = [];
    public List<SandboxDiscussion> Discussions { get; } = [];

    public SandboxDiscussion? Find(int number) => _byNumber.GetValueOrDefault(number);

    internal void Add(SandboxDiscussion discussion)
    {
        Discussions.Add(discussion);
        _byNumber[discussion.Number] = discussion;
    }
}
