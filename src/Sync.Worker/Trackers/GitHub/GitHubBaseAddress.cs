namespace Sync.Worker.Trackers.GitHub;

/// <summary>
/// Derives the base address handed to Octokit's <c>Connection</c>.
/// <para>
/// Octokit's <c>GitHubClient(ProductHeaderValue, Uri)</c> "fixes up" any host other than api.github.com by
/// resolving the <em>rooted</em> relative URI <c>/api/v3/</c> against it, which replaces the whole path: a
/// sandbox root such as <c>http://127.0.0.1:5081/github/api/v3</c> would lose its <c>/github</c> prefix.
/// IssueSync therefore builds the <c>Connection</c> itself (no fix-up) with:
/// </para>
/// <list type="bullet">
/// <item>github.com or api.github.com → <c>https://api.github.com/</c>;</item>
/// <item>a URL whose path already ends in <c>/api/v3</c> → that URL with a trailing slash, unchanged;</item>
/// <item>any other URL (a GitHub Enterprise host) → its path + <c>api/v3/</c>, keeping any prefix.</item>
/// </list>
/// Octokit's endpoints are relative (<c>repos/o/r/issues</c>), so they resolve under the prefix.
/// </summary>
internal static class GitHubBaseAddress
{
    public static readonly Uri PublicApi = new("https://api.github.com/");

    public static Uri From(Uri apiUrl)
    {
        if (apiUrl.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase)
            || apiUrl.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase))
        {
            return PublicApi;
        }

        var root = TrackerRegistration.NormalizeApiRoot(apiUrl);
        return root.AbsolutePath.EndsWith("/api/v3/", StringComparison.OrdinalIgnoreCase)
            ? root
            : new Uri(root, "api/v3/");
    }
}
