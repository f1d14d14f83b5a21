namespace Sync.Sandbox;

public enum SandboxFaultKind
{
    /// <summary>Answer with <see cref="SandboxFault.Status"/> (500, 502 or 503) and a tracker-looking error body.</summary>
    ServerError,

    /// <summary>Hold the request far longer than any client timeout, until the client aborts.</summary>
    Timeout,

    /// <summary>200 with the JSON body cut in half.</summary>
    MalformedJson,

    /// <summary>A list page with only half of its items but the full paging headers.</summary>
    TruncatedPage,
}

/// <summary>A fault applied to the next <see cref="Count"/> matching requests of one instance.</summary>
public sealed record SandboxFault(SandboxFaultKind Kind, int Count = 1, int Status = 500, string? PathContains = null, string? Method = null);
