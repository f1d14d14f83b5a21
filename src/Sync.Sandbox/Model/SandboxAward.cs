namespace Sync.Sandbox.Model;

/// <summary>A GitLab award emoji (name like "thumbsup_tone2") or a GitHub reaction (content like "+1").</summary>
public sealed class SandboxAward
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required SandboxUser User { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
