namespace Sync.Sandbox.Model;

/// <summary>A GitLab note or a GitHub issue comment.</summary>
public sealed class SandboxNote
{
    public required long Id { get; init; }
    public required SandboxIssue Issue { get; init; }
    public required string Body { get; set; }
    public required SandboxUser Author { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public bool System { get; init; }
    public bool Internal { get; init; }
    public List<SandboxAward> Awards { get; } = [];
}
