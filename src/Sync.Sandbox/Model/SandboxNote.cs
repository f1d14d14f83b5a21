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

    /// <summary>
    /// GitLab: a note the token may not read (a cross-reference from a confidential issue or a private project). GitLab
    /// drops it from a notes page after paginating, so that page is short while later pages follow (docs/tracker-behaviour.md).
    /// </summary>
    public bool HiddenFromApi { get; set; }
    public List<SandboxAward> Awards { get; } = [];
}
