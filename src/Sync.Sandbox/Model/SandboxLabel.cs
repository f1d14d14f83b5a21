namespace Sync.Sandbox.Model;

public sealed class SandboxLabel
{
    public required long Id { get; init; }
    public required string Name { get; set; }

    /// <summary>Six hex digits without '#': GitHub's form; GitLab rendering adds the '#'.</summary>
    public required string Color { get; set; }
    public string? Description { get; set; }
    public int? Priority { get; set; }
}
