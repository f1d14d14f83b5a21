using System.Text.RegularExpressions;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>GitLab REST v4: <c>PRIVATE-TOKEN</c>, an <c>/api/v4</c> root, throttle windows, uploads and boards.</summary>
internal sealed partial class GitLabDialect : ITrackerDialect
{
    private const string ApiSuffix = "api/v4/";

    public TrackerKind Kind => TrackerKind.GitLab;

    public string ExampleApiUrl => "https://gitlab.com/api/v4";

    public string? ApiUrlProblem(Uri apiUrl) =>
        apiUrl.AbsolutePath.TrimEnd('/').EndsWith("/api/v4", StringComparison.OrdinalIgnoreCase)
            ? null
            : "is not a GitLab REST v4 root (it should end in /api/v4)";

    public Uri RequestRoot(Uri apiRoot) => apiRoot;

    public Uri WebRoot(Uri apiRoot)
    {
        var text = TrackerRegistration.NormalizeApiRoot(apiRoot).AbsoluteUri;
        return text.EndsWith(ApiSuffix, StringComparison.OrdinalIgnoreCase) ? new Uri(text[..^ApiSuffix.Length]) : new Uri(text);
    }

    public bool TryParseIssueWebPath(string relativePath, out string projectPath, out long number)
    {
        var match = IssueWebPath().Match(relativePath);
        projectPath = match.Success ? match.Groups["path"].Value : string.Empty;
        number = 0;
        return match.Success && long.TryParse(match.Groups["number"].ValueSpan, out number) && number > 0;
    }

    [GeneratedRegex(@"^(?<path>[^/]+(/[^/]+)+)/-/issues/(?<number>\d+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IssueWebPath();

    public void Authenticate(HttpRequestMessage request, string token, string apiRootPath)
    {
        request.Headers.Remove("PRIVATE-TOKEN");
        request.Headers.TryAddWithoutValidation("PRIVATE-TOKEN", token);
    }

    // gitlab.com (doc/user/gitlab_com/rate_limits.md): authenticated API traffic 2,000/min per user; issue creation
    // 200/min, note creation 60/min (not reflected in headers).
    public TrackerLimitsOptions DefaultLimits() => new() { RequestsPerMinute = 2000, IssueCreatesPerMinute = 200, NoteCreatesPerMinute = 60 };

    // A 429 with RateLimit-Reset is waited out; without any hint, until the end of Rack::Attack's window. One budget for
    // REST and GraphQL; only issue and note creation have write ceilings.
    public LimitRules Limits { get; } = new(ResetWhenExhausted: true, UnhintedLimitWait.WindowEnd, NamedBudgets: false, WritePacing.CreatesOnly, SerialWrites: false);

    public IReadOnlyList<Type> Capabilities { get; } = [typeof(IUploads), typeof(IBoards)];

    public ITrackerClient CreateClient(TrackerRegistration registration, TrackerClientServices services) =>
        new GitLabTrackerClient(registration, services.HttpClientFactory, Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<GitLabTrackerClient>(services.LoggerFactory));
}
