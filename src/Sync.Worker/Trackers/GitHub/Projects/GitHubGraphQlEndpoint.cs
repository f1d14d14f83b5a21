namespace Sync.Worker.Trackers.GitHub.Projects;

/// <summary>
/// Where a GitHub tracker's GraphQL API lives, derived from its configured API root. GitHub.com serves it at
/// <c>https://api.github.com/graphql</c>; GitHub Enterprise Server at <c>http(s)://HOST/api/graphql</c>, the sibling
/// of the REST root <c>/api/v3/</c> (docs.github.com, "Forming calls with GraphQL"). A path prefix in front of
/// <c>/api/v3/</c> (a sandbox or reverse proxy) is kept.
/// </summary>
internal static class GitHubGraphQlEndpoint
{
    public static readonly Uri PublicApi = new("https://api.github.com/graphql");

    public static Uri From(Uri apiRoot)
    {
        // The same REST base the Octokit adapter and the handler chain use, so host and prefix always agree.
        var restBase = GitHubBaseAddress.From(apiRoot);
        return restBase == GitHubBaseAddress.PublicApi ? PublicApi : new Uri(restBase, "../graphql");
    }
}
