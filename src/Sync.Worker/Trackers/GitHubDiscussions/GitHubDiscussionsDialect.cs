using System.Text.RegularExpressions;
using Sync.Core.Trackers;
using Sync.Worker.Trackers.GitHub;

namespace Sync.Worker.Trackers.GitHubDiscussions;

/// <summary>
/// A feature forum in GitHub Discussions, read through GitHub's GraphQL API with a GitHub token. The API URL is a GitHub
/// REST root as for <see cref="TrackerKind.GitHub"/> (<c>https://api.github.com</c> or a GHES <c>/api/v3</c>); GraphQL
/// goes to its sibling endpoint (<see cref="GitHub.Projects.GitHubGraphQlEndpoint"/>). Auth, web root and limits are
/// GitHub's: GraphQL counts against the <c>graphql</c> budget (<c>x-ratelimit-resource</c>), and mutations against the
/// secondary content-creation limits (docs.github.com, "Rate limits and query limits for the GraphQL API").
/// </summary>
internal sealed partial class GitHubDiscussionsDialect : ITrackerDialect
{
    private static readonly GitHubDialect GitHub = new();

    public TrackerKind Kind => TrackerKind.GitHubDiscussions;

    public string ExampleApiUrl => GitHub.ExampleApiUrl;

    public string? ApiUrlProblem(Uri apiUrl) =>
        apiUrl.AbsolutePath.TrimEnd('/').EndsWith("/api/v4", StringComparison.OrdinalIgnoreCase)
            ? "is a GitLab API root but Kind is GitHubDiscussions"
            : null;

    public Uri RequestRoot(Uri apiRoot) => GitHub.RequestRoot(apiRoot);

    public Uri WebRoot(Uri apiRoot) => GitHub.WebRoot(apiRoot);

    /// <summary>A discussion's page, <c>owner/repo/discussions/n</c>: the project path is the repository (the category is not in the URL).</summary>
    public bool TryParseIssueWebPath(string relativePath, out string projectPath, out long number)
    {
        var match = DiscussionWebPath().Match(relativePath);
        projectPath = match.Success ? match.Groups["path"].Value : string.Empty;
        number = 0;
        return match.Success && long.TryParse(match.Groups["number"].ValueSpan, out number) && number > 0;
    }

    [GeneratedRegex(@"^(?<path>[^/]+/[^/]+)/discussions/(?<number>\d+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DiscussionWebPath();

    public void Authenticate(HttpRequestMessage request, string token, string apiRootPath) => GitHub.Authenticate(request, token, apiRootPath);

    // GitHub's: every mutation (a reply, a close, a lock) is a content-creating request for the secondary limits.
    public TrackerLimitsOptions DefaultLimits() => GitHub.DefaultLimits();

    public LimitRules Limits => GitHub.Limits;

    public IReadOnlyList<Type> Capabilities { get; } = [];

    /// <summary>
    /// The forum's voters are GitHub accounts: a GitHub tracker configured on the same API root is whose accounts they
    /// are (<see cref="ITrackerClient.IdentityHost"/>), so a person voting on the idea and on its issue counts once.
    /// </summary>
    public ITrackerClient CreateClient(TrackerRegistration registration, TrackerClientServices services) =>
        new GitHubDiscussionsClient(
            registration,
            services.HttpClientFactory,
            Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<GitHubDiscussionsClient>(services.LoggerFactory),
            IdentityHostOf(registration, services.Registrations ?? []));

    internal static string? IdentityHostOf(TrackerRegistration forum, IReadOnlyList<TrackerRegistration> registrations) =>
        registrations
            .Where(r => r.Kind == TrackerKind.GitHub && r.ApiRoot == forum.ApiRoot)
            .Select(r => r.Name)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
}
