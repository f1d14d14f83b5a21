using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Sync.Core.Roadmap;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>GitHub REST (Octokit) and GraphQL: bearer token with the API version, api.github.com or an <c>/api/v3</c> root, secondary limits.</summary>
internal sealed partial class GitHubDialect : ITrackerDialect
{
    private const string EnterpriseSuffix = "api/v3/";

    public TrackerKind Kind => TrackerKind.GitHub;

    public string ExampleApiUrl => "https://api.github.com";

    public string? ApiUrlProblem(Uri apiUrl) =>
        apiUrl.AbsolutePath.TrimEnd('/').EndsWith("/api/v4", StringComparison.OrdinalIgnoreCase)
            ? "is a GitLab API root but Kind is GitHub"
            : null;

    public Uri RequestRoot(Uri apiRoot) => GitHubBaseAddress.From(apiRoot);

    public Uri WebRoot(Uri apiRoot)
    {
        if (IsPublic(apiRoot))
        {
            return new Uri("https://github.com/");
        }

        var text = TrackerRegistration.NormalizeApiRoot(apiRoot).AbsoluteUri;
        return text.EndsWith(EnterpriseSuffix, StringComparison.OrdinalIgnoreCase) ? new Uri(text[..^EnterpriseSuffix.Length]) : new Uri(text);
    }

    /// <summary>github.com or api.github.com, not an Enterprise host.</summary>
    public static bool IsPublic(Uri apiUrl) =>
        apiUrl.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase)
        || apiUrl.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase);

    public bool TryParseIssueWebPath(string relativePath, out string projectPath, out long number)
    {
        var match = IssueWebPath().Match(relativePath);
        projectPath = match.Success ? match.Groups["path"].Value : string.Empty;
        number = 0;
        return match.Success && long.TryParse(match.Groups["number"].ValueSpan, out number) && number > 0;
    }

    [GeneratedRegex(@"^(?<path>[^/]+/[^/]+)/issues/(?<number>\d+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IssueWebPath();

    public void Authenticate(HttpRequestMessage request, string token, string apiRootPath)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // REST only: GraphQL is not versioned this way.
        if (EndpointKinds.Classify(request.Method.Method, request.RequestUri!.AbsolutePath, apiRootPath) != EndpointKinds.GraphQl)
        {
            request.Headers.TryAddWithoutValidation(GitHubApiVersion.Header, GitHubApiVersion.Current);
        }
    }

    // docs.github.com "Rate limits for the REST API": 80 content-creating requests/min, 500/h, mutations serially ~1 s apart.
    public TrackerLimitsOptions DefaultLimits() => new() { WritesPerMinute = 80, WritesPerHour = 500, SerialWrites = true, MinWriteSpacing = TimeSpan.FromSeconds(1) };

    // The primary limit's reset is waited out, a bare secondary limit backs off from a minute; core, search and graphql
    // are separate budgets; every write counts against the secondary limits and may be serialised.
    public LimitRules Limits { get; } = new(ResetWhenExhausted: false, UnhintedLimitWait.Backoff, NamedBudgets: true, WritePacing.AllWrites, SerialWrites: true);

    /// <summary>No uploads or label boards; the roadmap board is a Projects v2 board (<see cref="IProjectBoards"/>, a shared service).</summary>
    public IReadOnlyList<Type> Capabilities { get; } = [typeof(IProjectBoards)];

    public ITrackerClient CreateClient(TrackerRegistration registration, TrackerClientServices services) =>
        new GitHubTrackerClient(
            registration,
            services.HandlerFactory,
            Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<GitHubTrackerClient>(services.LoggerFactory),
            services.CursorStore,
            services.Time);
}
