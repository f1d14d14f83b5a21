using Sync.Sandbox.Model;

namespace Sync.Sandbox;

// Domain operations shared by the HTTP handlers of both trackers and by tests seeding state directly.
public sealed partial class SandboxInstance
{
    public SandboxIssue AddIssue(
        string projectPath,
        string title,
        string? description = null,
        IEnumerable<string>? labels = null,
        string? author = null,
        bool confidential = false,
        DateTimeOffset? createdAt = null,
        bool isPullRequest = false)
    {
        var project = Project(projectPath);
        var user = User(author ?? Bot.Username);
        lock (Sync)
        {
            return CreateIssue(project, user, title, description, labels ?? [], confidential, createdAt, isPullRequest);
        }
    }

    internal SandboxIssue CreateIssue(
        SandboxProject project,
        SandboxUser author,
        string title,
        string? description,
        IEnumerable<string> labels,
        bool confidential,
        DateTimeOffset? createdAt,
        bool isPullRequest = false)
    {
        var at = createdAt ?? Time.GetUtcNow();
        var issue = new SandboxIssue
        {
            Id = NextId(),
            Number = project.NextNumber(),
            Project = project,
            Title = title,
            Description = description,
            CreatedAt = at,
            UpdatedAt = at,
            Author = author,
            Confidential = confidential,
            IsPullRequest = isPullRequest,
        };
        foreach (var label in labels)
        {
            AddLabel(issue, label);
        }

        project.Add(issue);
        return issue;
    }

    /// <summary>Adds a label to an issue, creating it on the project (default colour) when missing.</summary>
    internal bool AddLabel(SandboxIssue issue, string name)
    {
        var label = EnsureLabel(issue.Project, name);
        if (issue.HasLabel(label.Name))
        {
            return false;
        }

        issue.Labels.Add(label.Name);
        return true;
    }

    internal SandboxLabel EnsureLabel(SandboxProject project, string name, string? color = null, string? description = null)
    {
        var label = project.FindLabel(name);
        if (label is null)
        {
            label = new SandboxLabel { Id = NextId(), Name = name, Color = color ?? (IsGitHub ? "ededed" : "6699CC"), Description = description };
            project.Add(label);
        }

        return label;
    }

    public SandboxNote AddNote(
        string projectPath, int number, string body, string? author = null, bool isInternal = false, bool system = false, DateTimeOffset? at = null)
    {
        var project = Project(projectPath);
        var user = User(author ?? Bot.Username);
        lock (Sync)
        {
            var issue = project.FindIssue(number) ?? throw new KeyNotFoundException($"No issue #{number} in {projectPath}.");
            return CreateNote(issue, user, body, isInternal, system, at);
        }
    }

    internal SandboxNote CreateNote(SandboxIssue issue, SandboxUser author, string body, bool isInternal, bool system, DateTimeOffset? at = null)
    {
        var when = at ?? Time.GetUtcNow();
        var note = new SandboxNote
        {
            Id = NextId(), Issue = issue, Body = body, Author = author, CreatedAt = when, UpdatedAt = when, System = system, Internal = isInternal,
        };
        issue.Notes.Add(note);
        TouchIssue(issue, when);
        return note;
    }

    /// <summary>
    /// What a saved note does to its issue: <c>Note#touch_noteable</c> (an <c>after_save</c>) calls
    /// <c>noteable.touch</c>, and <c>Issue</c> includes <c>ThrottledTouch</c>
    /// (<c>app/models/concerns/throttled_touch.rb</c>): the touch is skipped unless more than
    /// <c>TOUCH_INTERVAL = 1.minute</c> passed since the issue's <c>updated_at</c>. Ordinary updates of the issue
    /// (title, labels, state) are saves, not touches, and are never throttled. GitHub has no such throttle.
    /// </summary>
    internal void TouchIssue(SandboxIssue issue, DateTimeOffset when)
    {
        if (IsGitHub ? when > issue.UpdatedAt : when - issue.UpdatedAt > TouchInterval)
        {
            issue.UpdatedAt = when;
        }
    }

    internal static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Adds an award emoji or reaction to an issue, or to one of its notes when <paramref name="noteId"/> is set.</summary>
    public SandboxAward AddAward(string projectPath, int number, string name, string username, long? noteId = null, DateTimeOffset? at = null)
    {
        var project = Project(projectPath);
        var user = User(username);
        lock (Sync)
        {
            var issue = project.FindIssue(number) ?? throw new KeyNotFoundException($"No issue #{number} in {projectPath}.");
            var target = noteId is null ? issue.Awards : issue.Notes.Single(n => n.Id == noteId).Awards;
            return CreateAward(issue, target, name, user, at) ?? throw new InvalidOperationException($"{username} already awarded {name}.");
        }
    }

    /// <summary>Returns null when the user already gave this name to the item (one name per user per item).</summary>
    internal SandboxAward? CreateAward(SandboxIssue issue, List<SandboxAward> target, string name, SandboxUser user, DateTimeOffset? at = null)
    {
        if (target.Exists(a => a.Name == name && a.User.Id == user.Id))
        {
            return null;
        }

        var when = at ?? Time.GetUtcNow();
        var award = new SandboxAward { Id = NextId(), Name = name, User = user, CreatedAt = when };
        target.Add(award);

        // No award bumps the issue: GitLab's AwardEmoji calls awardable.try(:bump_updated_at), which only Note defines
        // (app/models/award_emoji.rb, spec/models/award_emoji_spec.rb), and Issue#update_upvotes_count uses update_column.
        // So a GitLab award on a note bumps that note; GitHub documents no bump at all.
        if (!IsGitHub && issue.Notes.Find(n => ReferenceEquals(n.Awards, target)) is { } note && when > note.UpdatedAt)
        {
            note.UpdatedAt = when;
        }

        // No tracker bumps the issue for an award (GitLab: only a Note defines bump_updated_at; GitHub documents none):
        // a vote shows only in the issue's counts (GitHub's reactions rollup, and so the ETag of every page showing it).
        return award;
    }

    internal void SetClosed(SandboxIssue issue, bool closed, SandboxUser by, string? reason)
    {
        var now = Time.GetUtcNow();
        issue.Closed = closed;
        issue.ClosedAt = closed ? now : null;
        issue.ClosedBy = closed ? by : null;
        issue.StateReason = reason;
        issue.UpdatedAt = now;
    }

    public IReadOnlyList<SandboxIssue> Issues(string projectPath)
    {
        var project = Project(projectPath);
        lock (Sync)
        {
            return [.. project.Issues];
        }
    }

    public SandboxIssue Issue(string projectPath, int number)
    {
        var project = Project(projectPath);
        lock (Sync)
        {
            return project.FindIssue(number) ?? throw new KeyNotFoundException($"No issue #{number} in {projectPath}.");
        }
    }

    public IReadOnlyList<SandboxNote> Notes(string projectPath, int number)
    {
        var issue = Issue(projectPath, number);
        lock (Sync)
        {
            return [.. issue.Notes];
        }
    }

    public IReadOnlyList<SandboxLabel> Labels(string projectPath)
    {
        var project = Project(projectPath);
        lock (Sync)
        {
            return [.. project.Labels];
        }
    }

    public SandboxUpload AddUpload(string projectPath, string fileName, string contentType, byte[] content)
    {
        var project = Project(projectPath);
        lock (Sync)
        {
            var id = NextId();
            var secret = Convert.ToHexStringLower(BitConverter.GetBytes(id * 2654435761L ^ project.Id))
                + Convert.ToHexStringLower(BitConverter.GetBytes(id ^ 0x5DEECE66DL));
            var upload = new SandboxUpload(id, secret, fileName, contentType, content);
            project.Uploads.Add(upload);
            return upload;
        }
    }
}
