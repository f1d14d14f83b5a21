using System.Globalization;
using System.Text.Json.Nodes;
using Sync.Sandbox.Limits;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitHub;

/// <summary>GitHub REST auth, error bodies, the hourly primary limit and the content-creation secondary limits.</summary>
/// <param name="resource">
/// The primary budget this dialect counts: <c>core</c> for REST, <c>graphql</c> for <c>POST /graphql</c>, each with its own
/// limit and reset (docs.github.com, "Rate limits for the REST API": <c>x-ratelimit-resource</c>, "The rate limit resource
/// that the request counted against").
/// </param>
/// <param name="sharesWritesWith">
/// The dialect whose content-creation windows this one counts in too: GitHub's content limits span "the REST API and
/// GraphQL API" (docs.github.com, "Rate limits for the REST API", secondary rate limits), while the primary budgets stay apart.
/// </param>
internal sealed class GitHubDialect(SandboxControl control, long userId, string resource = "core", GitHubDialect? sharesWritesWith = null) : ITrackerDialect
{
    internal const string Docs = "https://docs.github.com/rest";
    private const string SecondaryDocs = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";

    private readonly FixedWindow _core = new(TimeSpan.FromHours(1));
    private readonly FixedWindow _createMinute = sharesWritesWith?._createMinute ?? new(TimeSpan.FromMinutes(1));
    private readonly FixedWindow _createHour = sharesWritesWith?._createHour ?? new(TimeSpan.FromHours(1));

    public bool UsesETags => true;

    public string? ReadToken(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("token ", StringComparison.OrdinalIgnoreCase))
        {
            return auth[6..].Trim();
        }

        return auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : null;
    }

    public ApiReply Unauthorized() => Error(401, "Bad credentials");

    public ApiReply NotFound() => Error(404, "Not Found");

    public ApiReply BadRequest(string message) => Error(400, message);

    public ApiReply Refused(int status, string message) => Error(status, message);

    public ApiReply ServerError(int status) => status switch
    {
        502 => Error(502, "Server Error"),
        503 => Error(503, "Service Unavailable"),
        _ => Error(status, "Server Error"),
    };

    public static ApiReply Error(int status, string message) =>
        new(status, new JsonObject { ["message"] = message, ["documentation_url"] = Docs, ["status"] = status.ToString(CultureInfo.InvariantCulture) });

    public static ApiReply Validation(string resource, string field, string code) =>
        new(422, new JsonObject
        {
            ["message"] = "Validation Failed",
            ["errors"] = new JsonArray(new JsonObject { ["resource"] = resource, ["code"] = code, ["field"] = field }),
            ["documentation_url"] = Docs,
            ["status"] = "422",
        });

    // GitHub does not list its "content-generating" requests; every mutating method counts (docs/tracker-behaviour.md),
    // and on GraphQL every mutation ("Rate limits and query limits for the GraphQL API", secondary limits: content
    // creation applies to mutations too), while a query, though a POST, is a read.
    public SandboxWriteKind? WriteKind(string method, string endpointKey) =>
        (resource == "core" && (HttpMethods.IsPost(method) || HttpMethods.IsPatch(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method)))
        || (resource == "graphql" && endpointKey.EndsWith(Pipeline.GraphQlOperations.MutationSuffix, StringComparison.Ordinal))
            ? SandboxWriteKind.GitHubContent
            : null;

    public ApiReply? Admit(string method, string endpointKey, DateTimeOffset now)
    {
        var limits = control.Limits;
        if (!control.EnforceRateLimits)
        {
            return null;
        }

        if (_core.IsFull(now, limits.GitHubPerHour))
        {
            return new ApiReply(403, new JsonObject
            {
                ["message"] = $"API rate limit exceeded for user ID {userId}.",
                ["documentation_url"] = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit",
            });
        }

        return WriteKind(method, endpointKey) is not null ? AdmitWrite(now, limits) : null;
    }

    private ApiReply? AdmitWrite(DateTimeOffset now, SandboxLimits limits)
    {
        // Shared with the other resource's dialect, which the pipeline locks separately: the windows take their own lock.
        lock (_createMinute)
        {
            var full = _createMinute.IsFull(now, limits.GitHubContentCreatesPerMinute) ? _createMinute
                : _createHour.IsFull(now, limits.GitHubContentCreatesPerHour) ? _createHour : null;
            if (full is not null)
            {
                var reply = new ApiReply(limits.GitHubSecondaryStatus, new JsonObject
                {
                    ["message"] = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
                    ["documentation_url"] = SecondaryDocs,
                });
                return limits.GitHubSecondaryRetryAfter
                    ? reply.WithHeader("retry-after", full.RetryAfterSeconds(now).ToString(CultureInfo.InvariantCulture))
                    : reply;
            }

            _createMinute.Hit(now);
            _createHour.Hit(now);
        }

        return null;
    }

    public void Complete(ApiReply reply, DateTimeOffset now)
    {
        // 304 answers are free, as documented for conditional requests; rejected calls still count.
        if (reply.Status != 304 && !(reply.Status == 403 && _core.IsFull(now, control.Limits.GitHubPerHour)))
        {
            _core.Hit(now);
        }

        var limit = control.Limits.GitHubPerHour;
        var used = _core.UsedAt(now);
        reply.Headers["x-ratelimit-limit"] = limit.ToString(CultureInfo.InvariantCulture);
        reply.Headers["x-ratelimit-remaining"] = Math.Max(0, limit - used).ToString(CultureInfo.InvariantCulture);
        reply.Headers["x-ratelimit-used"] = Math.Min(limit, used).ToString(CultureInfo.InvariantCulture);
        reply.Headers["x-ratelimit-reset"] = _core.ResetAt(now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        reply.Headers["x-ratelimit-resource"] = resource;
        reply.Headers["X-GitHub-Media-Type"] = "github.v3; format=json";
    }
}
