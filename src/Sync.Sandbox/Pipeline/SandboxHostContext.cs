
namespace Sync.Sandbox.Pipeline;

/// <summary>Server-wide services the pipeline needs; <see cref="Stopping"/> releases requests held by faults.</summary>
internal sealed record SandboxHostContext(SandboxStats Stats, SandboxRequestLog Requests, SandboxControl Control, string AdminToken, CancellationToken Stopping);
