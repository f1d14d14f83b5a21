namespace Sync.Sandbox.Pipeline;

/// <summary>What differs between GitLab and GitHub around the shared request pipeline.</summary>
internal interface ITrackerDialect
{
    /// <summary>GitHub emits ETags and answers If-None-Match with 304; GitLab does not.</summary>
    bool UsesETags { get; }

    string? ReadToken(HttpRequest request);

    ApiReply Unauthorized();

    ApiReply NotFound();

    ApiReply BadRequest(string message);

    ApiReply ServerError(int status);

    /// <summary>A refused write (4xx) in the tracker's error shape, carrying <paramref name="message"/>.</summary>
    ApiReply Refused(int status, string message);

    /// <summary>
    /// Which content-creation ceiling a request counts against, if any: the one rule both the limiter and
    /// <see cref="SandboxStats.WriteWindows"/> use.
    /// </summary>
    SandboxWriteKind? WriteKind(string method, string endpointKey);

    /// <summary>Checks and charges the request against the limits; a reply means "rejected".</summary>
    ApiReply? Admit(string method, string endpointKey, DateTimeOffset now);

    /// <summary>Adds the rate-limit headers (and charges what is only charged once the status is known).</summary>
    void Complete(ApiReply reply, DateTimeOffset now);
}
