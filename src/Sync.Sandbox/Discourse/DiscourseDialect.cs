using System.Globalization;
using System.Text.Json.Nodes;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.Discourse;

/// <summary>
/// Discourse auth (<c>Api-Key</c> plus an <c>Api-Username</c> that exists, else 403 <c>invalid_access</c>), its error
/// bodies (<c>{"errors":[...],"error_type":...}</c>) and the admin API limiter: <c>max_admin_api_reqs_per_minute</c>
/// over a rolling minute, answered 429 with <c>Retry-After</c> and <c>extras.wait_seconds</c>
/// (ApplicationController#render_rate_limit_error; spec/integration/rate_limiting_spec.rb).
/// </summary>
internal sealed class DiscourseDialect(SandboxControl control, SandboxDiscourse forum) : ITrackerDialect
{
    private readonly Queue<DateTimeOffset> _requests = new();

    public bool UsesETags => false;

    public string? ReadToken(HttpRequest request)
    {
        var key = request.Headers["Api-Key"].ToString();
        var username = request.Headers["Api-Username"].ToString();
        return key.Length > 0 && username.Length > 0 && Acting(forum.Instance, username) is not null ? key : null;
    }

    /// <summary>The user an <c>Api-Username</c> names (existing users only; names ignore case).</summary>
    internal static Model.SandboxUser? Acting(SandboxInstance instance, string username) =>
        instance.Users().FirstOrDefault(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase));

    // Auth::DefaultCurrentUserProvider: a bad key or username raises Discourse::InvalidAccess (403), not 401.
    public ApiReply Unauthorized() => DiscourseJson.Errors(403, "invalid_access", "You are not permitted to view the requested resource. The API username or key is invalid.");

    public ApiReply NotFound() => DiscourseJson.Errors(404, "not_found", "The requested URL or resource could not be found.");

    public ApiReply BadRequest(string message) => DiscourseJson.Errors(400, "invalid_parameters", message);

    // Rails' 500 page and a proxy's 502/503 are HTML, not JSON.
    public ApiReply ServerError(int status) => new(status, Text: $"<html><body><h1>{status.ToString(CultureInfo.InvariantCulture)}</h1></body></html>") { ContentType = "text/html; charset=utf-8" };

    public ApiReply Refused(int status, string message) => new(status, new JsonObject { ["action"] = "create_post", ["errors"] = new JsonArray(message) });

    // Staff keys have no content-creation ceilings (RateLimiter skips staff for create_post and friends).
    public SandboxWriteKind? WriteKind(string method, string endpointKey) => null;

    public ApiReply? Admit(string method, string endpointKey, DateTimeOffset now)
    {
        var limit = forum.AdminApiRequestsPerMinute;
        if (!control.EnforceRateLimits || limit <= 0)
        {
            return null;
        }

        var window = forum.RateLimitWindow;
        while (_requests.Count > 0 && now - _requests.Peek() >= window)
        {
            _requests.Dequeue();
        }

        if (_requests.Count >= limit)
        {
            var wait = (int)Math.Ceiling((_requests.Peek() + window - now).TotalSeconds);
            wait = Math.Max(1, wait);
            var seconds = wait.ToString(CultureInfo.InvariantCulture);
            return new ApiReply(429, new JsonObject
            {
                ["errors"] = new JsonArray($"You’ve performed this action too many times. Please wait {seconds} seconds before trying again."),
                ["error_type"] = "rate_limit",
                ["extras"] = new JsonObject { ["wait_seconds"] = wait, ["time_left"] = $"{seconds} seconds" },
            }).WithHeader("Retry-After", seconds);
        }

        _requests.Enqueue(now);
        return null;
    }

    // Discourse sends no rate-limit headers on answers it lets through.
    public void Complete(ApiReply reply, DateTimeOffset now)
    {
    }
}
