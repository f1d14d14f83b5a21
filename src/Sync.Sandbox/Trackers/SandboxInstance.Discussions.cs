using System.Text;
using Sync.Sandbox.Model;

namespace Sync.Sandbox;

// GitHub Discussions: seeding for tests and the demo, and the operations the GraphQL mutations share.
public sealed partial class SandboxInstance
{
    /// <summary>Creates a discussion category (slug: the name lower-cased with dashes, as GitHub derives it).</summary>
    public SandboxDiscussionCategory CreateDiscussionCategory(string projectPath, string name, string? slug = null, bool isAnswerable = false)
    {
        var project = Project(projectPath);
        lock (Sync)
        {
            var id = NextId();
            var category = new SandboxDiscussionCategory
            {
                Id = id,
                NodeId = NodeId("DIC", id),
                Name = name,
                Slug = slug ?? Slugify(name),
                IsAnswerable = isAnswerable,
            };
            project.Forum.Categories.Add(category);
            return category;
        }
    }

    /// <summary>Starts a discussion in a category (by slug or name); its number is the repository's next issue number.</summary>
    public SandboxDiscussion AddDiscussion(
        string projectPath,
        string category,
        string title,
        string body = "",
        string? author = null,
        DateTimeOffset? createdAt = null,
        IEnumerable<string>? labels = null)
    {
        var project = Project(projectPath);
        var user = User(author ?? Bot.Username);
        lock (Sync)
        {
            var target = project.Forum.Categories.FirstOrDefault(c => c.Slug.Equals(category, StringComparison.OrdinalIgnoreCase) || c.Name.Equals(category, StringComparison.OrdinalIgnoreCase))
                ?? throw new KeyNotFoundException($"No discussion category {category} in {projectPath}.");
            var at = createdAt ?? Time.GetUtcNow();
            var id = NextId();
            var discussion = new SandboxDiscussion
            {
                Id = id,
                NodeId = NodeId("D", id),
                Number = project.NextNumber(),
                Project = project,
                Category = target,
                Title = title,
                Body = body,
                Author = user,
                CreatedAt = at,
                UpdatedAt = at,
            };
            foreach (var label in labels ?? [])
            {
                var known = EnsureLabel(project, label);
                if (!discussion.Labels.Contains(known.Name, StringComparer.OrdinalIgnoreCase))
                {
                    discussion.Labels.Add(known.Name);
                }
            }

            project.Forum.Add(discussion);
            return discussion;
        }
    }

    public SandboxDiscussion Discussion(string projectPath, int number)
    {
        var project = Project(projectPath);
        lock (Sync)
        {
            return project.Forum.Find(number) ?? throw new KeyNotFoundException($"No discussion #{number} in {projectPath}.");
        }
    }

    /// <summary>A comment on a discussion, or a reply to one of its top-level comments (<paramref name="replyTo"/>: its database id).</summary>
    public SandboxDiscussionComment AddDiscussionComment(
        string projectPath,
        int number,
        string body,
        string? author = null,
        long? replyTo = null,
        DateTimeOffset? createdAt = null)
    {
        var discussion = Discussion(projectPath, number);
        var user = User(author ?? Bot.Username);
        lock (Sync)
        {
            var parent = replyTo is { } parentId
                ? discussion.Comments.FirstOrDefault(c => c.Id == parentId) ?? throw new KeyNotFoundException($"No top-level comment {parentId} on discussion #{number}.")
                : null;
            return CreateDiscussionComment(discussion, parent, user, body, createdAt);
        }
    }

    internal SandboxDiscussionComment CreateDiscussionComment(SandboxDiscussion discussion, SandboxDiscussionComment? parent, SandboxUser? author, string body, DateTimeOffset? createdAt = null)
    {
        var at = createdAt ?? Time.GetUtcNow();
        var id = NextId();
        var comment = new SandboxDiscussionComment
        {
            Id = id,
            NodeId = NodeId("DC", id),
            Discussion = discussion,
            Parent = parent,
            Body = body,
            Author = author,
            CreatedAt = at,
            UpdatedAt = at,
        };
        (parent?.Replies ?? discussion.Comments).Add(comment);
        discussion.UpdatedAt = Max(discussion.UpdatedAt, at);
        return comment;
    }

    /// <summary>A reaction on a discussion (GraphQL <c>ReactionContent</c>, e.g. THUMBS_UP); one per user and content.</summary>
    public SandboxAward AddDiscussionReaction(string projectPath, int number, string content, string username, DateTimeOffset? at = null)
    {
        var discussion = Discussion(projectPath, number);
        var user = User(username);
        lock (Sync)
        {
            var existing = discussion.Reactions.FirstOrDefault(r => r.Name == content && r.User.Id == user.Id);
            if (existing is not null)
            {
                return existing;
            }

            var reaction = new SandboxAward { Id = NextId(), Name = content, User = user, CreatedAt = at ?? Time.GetUtcNow() };
            discussion.Reactions.Add(reaction);
            return reaction;
        }
    }

    /// <summary>Upvotes from these users (one each, as GitHub's <c>addUpvote</c>); only their number is visible through the API.</summary>
    public void UpvoteDiscussion(string projectPath, int number, params string[] usernames)
    {
        var discussion = Discussion(projectPath, number);
        var users = usernames.Select(User).ToList();
        lock (Sync)
        {
            users.ForEach(u => discussion.Upvoters.Add(u.Id));
        }
    }

    /// <summary>Marks a comment as the answer (an answerable category's "Mark as answer").</summary>
    public void MarkDiscussionAnswer(string projectPath, int number, long commentId)
    {
        var discussion = Discussion(projectPath, number);
        lock (Sync)
        {
            discussion.Answer = AllComments(discussion).FirstOrDefault(c => c.Id == commentId) ?? throw new KeyNotFoundException($"No comment {commentId} on discussion #{number}.");
        }
    }

    /// <summary>Hides a comment or reply as a maintainer does (<c>minimizeComment</c>).</summary>
    public void MinimizeDiscussionComment(string projectPath, int number, long commentId)
    {
        var discussion = Discussion(projectPath, number);
        lock (Sync)
        {
            (AllComments(discussion).FirstOrDefault(c => c.Id == commentId) ?? throw new KeyNotFoundException($"No comment {commentId} on discussion #{number}.")).IsMinimized = true;
        }
    }

    internal static IEnumerable<SandboxDiscussionComment> AllComments(SandboxDiscussion discussion) =>
        discussion.Comments.SelectMany(c => new[] { c }.Concat(c.Replies));

    internal SandboxDiscussion? FindDiscussionByNodeId(string nodeId)
    {
        lock (Sync)
        {
            return _projects.SelectMany(p => p.Forum.Discussions).FirstOrDefault(d => d.NodeId == nodeId);
        }
    }

    internal SandboxDiscussionComment? FindDiscussionCommentByNodeId(string nodeId)
    {
        lock (Sync)
        {
            return _projects.SelectMany(p => p.Forum.Discussions).SelectMany(AllComments).FirstOrDefault(c => c.NodeId == nodeId);
        }
    }

    /// <summary>An opaque node id in GitHub's style (a type prefix and base64 of the database id).</summary>
    private static string NodeId(string prefix, long id) =>
        prefix + "_kwDO" + Convert.ToBase64String(Encoding.UTF8.GetBytes("sandbox:" + id)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Slugify(string name) =>
        string.Join('-', name.ToLowerInvariant().Split((char[])[' ', '&', '/', '_'], StringSplitOptions.RemoveEmptyEntries));

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
