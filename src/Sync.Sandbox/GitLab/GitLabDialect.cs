using System.Globalization;
using System.Text.Json.Nodes;
using Sync.Sandbox.Limits;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitLab;

/// <summary>
/// GitLab v4 auth, error bodies and the GitLab.com throttles: the authenticated API throttle (Rack::Attack, windows
/// aligned to the epoch, <c>RateLimit-*</c> headers on its 429 and, only with the feature flag on, on other answers) and
/// issue and note creation (the application rate limiter: a JSON 429 without any limit header).
/// </summary>
internal sealed class GitLabDialect(SandboxControl control) : ITrackerDialect
{
    internal const string IssueCreateKey = "POST /projects/:id/issues";
    internal const string NoteCreateKey = "POST /projects/:id/issues/:iid/notes";

    // The throttle GitLab names in RateLimit-Name (lib/gitlab/rack_attack.rb, "throttle_authenticated_#{throttle}").
    private const string ApiThrottle = "throttle_authenticated_api";

    private readonly FixedWindow _api = new(TimeSpan.FromMinutes(1), epochAligned: true);
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

    // render_api_error!(message, status): {"message": ...}, as GitLab answers a write it refuses.
    public ApiReply Refused(int status, string message) => new(status, new JsonObject { ["message"] = message });

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
                return limits.GitLabBare429 ? Throttled() : WithThrottleHeaders(Throttled(), now).WithHeader("Retry-After", _api.RetryAfterSeconds(now).ToString(CultureInfo.InvariantCulture));
            }

            if ((kind == SandboxWriteKind.GitLabIssueCreate && _issues.IsFull(now, limits.GitLabIssueCreatesPerMinute))
                || (kind == SandboxWriteKind.GitLabNoteCreate && _notes.IsFull(now, limits.GitLabNoteCreatesPerMinute)))
            {
                return ApplicationLimitExceeded();
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

    // Unthrottled answers carry the throttle's headers only where the feature flag is on (lib/gitlab/middleware/
    // rack_attack_headers.rb skips a 429, whose headers the throttled response already set).
    public void Complete(ApiReply reply, DateTimeOffset now)
    {
        if (control.Limits.GitLabHeadersOnUnthrottled && reply.Status != 429)
        {
            WithThrottleHeaders(reply, now);
        }
    }

    // Gitlab::RackAttack.throttled_response_headers: name, limit, observed, remaining, reset (epoch s), reset time.
    private ApiReply WithThrottleHeaders(ApiReply reply, DateTimeOffset now)
    {
        var limit = control.Limits.GitLabPerMinute;
        var used = _api.UsedAt(now);
        var reset = _api.ResetAt(now);
        reply.Headers["RateLimit-Name"] = ApiThrottle;
        reply.Headers["RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        reply.Headers["RateLimit-Observed"] = used.ToString(CultureInfo.InvariantCulture);
        reply.Headers["RateLimit-Remaining"] = Math.Max(0, limit - used).ToString(CultureInfo.InvariantCulture);
        reply.Headers["RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        reply.Headers["RateLimit-ResetTime"] = reset.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
        return reply;
    }

    // Gitlab::Throttle.rate_limiting_response_text defaults to "Retry later", sent as text/plain.
    private static ApiReply Throttled() => new(429, Text: "Retry later");

    // API::Helpers::RateLimiter#render_exceeded_limit_error!: render_api_error! wraps the hash in "message"; no header.
    private static ApiReply ApplicationLimitExceeded() =>
        new(429, new JsonObject { ["message"] = new JsonObject { ["error"] = "This endpoint has been requested too many times. Try again later." } });
}
