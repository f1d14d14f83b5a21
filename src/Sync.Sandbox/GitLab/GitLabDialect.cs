using System.Globalization;
using System.Text.Json.Nodes;
using Sync.Sandbox.Limits;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitLab;

/// <summary>GitLab v4 auth, error bodies and the GitLab.com throttles (authenticated API, issue and note creation).</summary>
internal sealed class GitLabDialect(SandboxControl control) : ITrackerDialect
{
    internal const string IssueCreateKey = "POST /projects/:id/issues";
    internal const string NoteCreateKey = "POST /projects/:id/issues/:iid/notes";

    private readonly FixedWindow _api = new(TimeSpan.FromMinutes(1));
    private readonly FixedWindow _issues = new(TimeSpan.FromMinutes(1));
    private readonly FixedWindow _notes = new(TimeSpan.FromMinutes(1));

    public bool UsesETags => false;

    public string? ReadToken(HttpRequest request)
    {
        if (request.Headers.TryGetValue("PRIVATE-TOKEN", out var token) && token.Count > 0)
        {
            return token.ToString();
        }

        var auth = request.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : null;
    }

    public ApiReply Unauthorized() => new(401, new JsonObject { ["message"] = "401 Unauthorized" });

    public ApiReply NotFound() => new(404, new JsonObject { ["message"] = "404 Not found" });

    public ApiReply BadRequest(string message) => new(400, new JsonObject { ["error"] = message });

    public ApiReply ServerError(int status) => status switch
    {
        502 => new ApiReply(502, Text: "<html><body><h1>502 Bad Gateway</h1>GitLab is not responding.</body></html>") { ContentType = "text/html" },
        503 => new ApiReply(503, Text: "<html><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>") { ContentType = "text/html" },
        _ => new ApiReply(status, new JsonObject { ["message"] = "500 Internal Server Error" }),
    };

    public SandboxWriteKind? WriteKind(string method, string endpointKey) => endpointKey switch
    {
        IssueCreateKey => SandboxWriteKind.GitLabIssueCreate,
        NoteCreateKey => SandboxWriteKind.GitLabNoteCreate,
        _ => null,
    };

    public ApiReply? Admit(string method, string endpointKey, DateTimeOffset now)
    {
        var limits = control.Limits;
        var kind = WriteKind(method, endpointKey);
        if (control.EnforceRateLimits)
        {
            if (_api.IsFull(now, limits.GitLabPerMinute))
            {
                return TooMany(_api, now);
            }

            if (kind == SandboxWriteKind.GitLabIssueCreate && _issues.IsFull(now, limits.GitLabIssueCreatesPerMinute))
            {
                return TooMany(_issues, now);
            }

            if (kind == SandboxWriteKind.GitLabNoteCreate && _notes.IsFull(now, limits.GitLabNoteCreatesPerMinute))
            {
                return TooMany(_notes, now);
            }
        }

        _api.Hit(now);
        if (kind == SandboxWriteKind.GitLabIssueCreate)
        {
            _issues.Hit(now);
        }
        else if (kind == SandboxWriteKind.GitLabNoteCreate)
        {
            _notes.Hit(now);
        }

        return null;
    }

    public void Complete(ApiReply reply, DateTimeOffset now)
    {
        var limit = control.Limits.GitLabPerMinute;
        var used = _api.UsedAt(now);
        var reset = _api.ResetAt(now);
        reply.Headers["RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        reply.Headers["RateLimit-Observed"] = used.ToString(CultureInfo.InvariantCulture);
        reply.Headers["RateLimit-Remaining"] = Math.Max(0, limit - used).ToString(CultureInfo.InvariantCulture);
        reply.Headers["RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        reply.Headers["RateLimit-ResetTime"] = reset.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
    }

    private static ApiReply TooMany(FixedWindow window, DateTimeOffset now) =>
        new ApiReply(429, Text: "Retry later").WithHeader("Retry-After", window.RetryAfterSeconds(now).ToString(CultureInfo.InvariantCulture));
}
