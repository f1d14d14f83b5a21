using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.Discourse;

/// <summary>
/// A Discourse forum read as a source of ideas (REST, <c>Api-Key</c> plus <c>Api-Username</c>, docs.discourse.org
/// "Authentication"). The API root is the forum's own root (<c>https://forum.example.com</c>): its JSON routes are its
/// pages with <c>.json</c>, so the web root is the same URL.
/// </summary>
internal sealed class DiscourseDialect : ITrackerDialect
{
    public const string KeyHeader = "Api-Key";
    public const string UsernameHeader = "Api-Username";

    public TrackerKind Kind => TrackerKind.Discourse;

    public string ExampleApiUrl => "https://forum.example.com";

    public string? ApiUrlProblem(Uri apiUrl) =>
        apiUrl.AbsolutePath.TrimEnd('/').EndsWith("/api/v4", StringComparison.OrdinalIgnoreCase)
        || apiUrl.AbsolutePath.TrimEnd('/').EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase)
            ? "is not a Discourse forum's root (give the forum's own URL, e.g. https://forum.example.com)"
            : null;

    public Uri RequestRoot(Uri apiRoot) => TrackerRegistration.NormalizeApiRoot(apiRoot);

    public Uri WebRoot(Uri apiRoot) => TrackerRegistration.NormalizeApiRoot(apiRoot);

    // A topic's page (t/<slug>/<id>) does not name its category, which is the project: no project path can be read from it.
    public bool TryParseIssueWebPath(string relativePath, out string projectPath, out long number)
    {
        projectPath = string.Empty;
        number = 0;
        return false;
    }

    public void Authenticate(HttpRequestMessage request, string token, string apiRootPath) => Authenticate(request, token, null, apiRootPath);

    public void Authenticate(HttpRequestMessage request, string token, string? username, string apiRootPath)
    {
        request.Headers.Remove(KeyHeader);
        request.Headers.Remove(UsernameHeader);
        request.Headers.TryAddWithoutValidation(KeyHeader, token);
        if (!string.IsNullOrWhiteSpace(username))
        {
            request.Headers.TryAddWithoutValidation(UsernameHeader, username);
        }
    }

    public bool NeedsUsername => true;

    public IReadOnlyList<string> CredentialHeaders { get; } = [KeyHeader, UsernameHeader];

    // config/discourse_defaults.conf: max_admin_api_reqs_per_minute = 60 (a global setting, per admin key). Kept client-side
    // so a pass paces itself instead of collecting 429s.
    public TrackerLimitsOptions DefaultLimits() => new() { RequestsPerMinute = 60, ReadConcurrency = 2 };

    // ApplicationController#render_rate_limit_error answers 429 with Retry-After (and extras.wait_seconds, the same number);
    // a 429 without it backs off. One budget for everything; no separate write ceilings for staff keys.
    public LimitRules Limits { get; } = new(ResetWhenExhausted: false, UnhintedLimitWait.Backoff, NamedBudgets: false, WritePacing.AllWrites, SerialWrites: false);

    public IReadOnlyList<Type> Capabilities { get; } = [];

    public ITrackerClient CreateClient(TrackerRegistration registration, TrackerClientServices services) =>
        new DiscourseTrackerClient(
            registration,
            services.HttpClientFactory,
            services.Documents,
            services.Time,
            Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<DiscourseTrackerClient>(services.LoggerFactory));
}
