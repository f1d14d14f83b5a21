namespace Sync.Sandbox.Model;

/// <summary>A tracker account; the same pool of usernames exists on every instance.</summary>
public sealed record SandboxUser(long Id, string Username, string Name);
