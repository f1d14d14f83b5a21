namespace Sync.Sandbox.Model;

public sealed class SandboxBoard
{
    public required long Id { get; init; }
    public required string Name { get; set; }
    public List<SandboxBoardList> Lists { get; } = [];
}

public sealed class SandboxBoardList
{
    public required long Id { get; init; }
    public required SandboxLabel Label { get; init; }
    public int Position { get; set; }
}
