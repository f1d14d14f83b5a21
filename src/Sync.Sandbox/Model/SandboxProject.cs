namespace Sync.Sandbox.Model;

/// <summary>A GitLab project or GitHub repository with its issues, labels, milestones, boards and uploads.</summary>
public sealed class SandboxProject
{
    private readonly Dictionary<int, SandboxIssue> _byNumber = [];
    private readonly Dictionary<string, SandboxLabel> _labelsByName = new(StringComparer.OrdinalIgnoreCase);

    public required long Id { get; init; }
    public required string Owner { get; init; }
    public required string Name { get; init; }
    public required bool IsPrivate { get; init; }
    public string Description { get; init; } = "";
    public required DateTimeOffset CreatedAt { get; init; }
    public required SandboxUser Creator { get; init; }
    public string Path => $"{Owner}/{Name}";

    /// <summary>
    /// GitLab's project setting <c>enforce_auth_checks_on_uploads</c> (default true, migration
    /// <c>AddEnforceAuthChecksOnUploadsToProjectSettings</c>): when false, a private project's images, videos and audio
    /// are served by the web route to anyone who has the link.
    /// </summary>
    public bool EnforceAuthChecksOnUploads { get; set; } = true;

    /// <summary>GitHub's repository setting <c>has_issues</c>: when off, the issue routes answer 410 Gone.</summary>
    public bool HasIssues { get; set; } = true;

    /// <summary>GitHub: numbers of issues deleted from this repository (they answer 410 Gone, not 404).</summary>
    public HashSet<int> DeletedNumbers { get; } = [];

    /// <summary>GitHub: numbers of issues transferred out of this repository, and the issue each became (they answer 301).</summary>
    public Dictionary<int, SandboxIssue> TransferredTo { get; } = [];

    /// <summary>
    /// GitHub collaborator roles other than the default: every user not listed has push (write) access; one listed as
    /// <c>read</c> or <c>triage</c> has none, so labels, milestone and assignees they send on create or update are dropped.
    /// </summary>
    public Dictionary<string, string> Roles { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool CanPush(SandboxUser user) => !Roles.TryGetValue(user.Username, out var role) || role is "write" or "maintain" or "admin";

    /// <summary>The ids of the project's members; null: everyone (the sandbox's default, as if every token were a member).</summary>
    public IReadOnlySet<long>? Members { get; set; }

    /// <summary>In creation order (ascending id); list endpoints sort a filtered copy.</summary>
    public List<SandboxIssue> Issues { get; } = [];
    public List<SandboxLabel> Labels { get; } = [];
    public List<SandboxMilestone> Milestones { get; } = [];
    public List<SandboxBoard> Boards { get; } = [];
    public List<SandboxUpload> Uploads { get; } = [];

    /// <summary>GitHub: the repository's Discussions (categories, discussions, comments, votes).</summary>
    public SandboxForum Forum { get; } = new();
    public int LastNumber { get; private set; }

    public int NextNumber() => ++LastNumber;

    public void Add(SandboxIssue issue)
    {
        Issues.Add(issue);
        _byNumber[issue.Number] = issue;
        LastNumber = Math.Max(LastNumber, issue.Number);
    }

    public SandboxIssue? FindIssue(int number) => _byNumber.GetValueOrDefault(number);

    /// <summary>Deletes an issue (as an admin can): GitLab answers 404 from then on, GitHub 410 Gone.</summary>
    public void Remove(SandboxIssue issue)
    {
        Issues.Remove(issue);
        _byNumber.Remove(issue.Number);
        DeletedNumbers.Add(issue.Number);
    }

    /// <summary>Drops an issue from the number index only (a transfer keeps no trace of it but the 301).</summary>
    internal void Forget(SandboxIssue issue) => _byNumber.Remove(issue.Number);

    public SandboxLabel? FindLabel(string name) => _labelsByName.GetValueOrDefault(name);

    public void Add(SandboxLabel label)
    {
        Labels.Add(label);
        _labelsByName[label.Name] = label;
    }

    public void Rename(SandboxLabel label, string newName)
    {
        _labelsByName.Remove(label.Name);
        foreach (var issue in Issues)
        {
            var i = issue.Labels.FindIndex(l => string.Equals(l, label.Name, StringComparison.OrdinalIgnoreCase));
            if (i >= 0)
            {
                issue.Labels[i] = newName;
            }
        }

        label.Name = newName;
        _labelsByName[newName] = label;
    }
}
