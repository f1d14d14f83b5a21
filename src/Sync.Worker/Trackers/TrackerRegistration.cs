using Sync.Core.Trackers;

namespace Sync.Worker.Trackers;

/// <summary>One configured tracker as the registry sees it. Deliberately carries no token.</summary>
/// <param name="ApiRoot">The API root with a trailing slash, e.g. <c>https://gitlab.com/api/v4/</c>.</param>
internal sealed record TrackerRegistration(string Name, TrackerKind Kind, Uri ApiRoot)
{
    /// <summary>
    /// The instance's web root: GitLab's API root without <c>api/v4/</c>; github.com for api.github.com; a GitHub
    /// Enterprise root without <c>api/v3/</c>.
    /// </summary>
    public Uri WebRoot => WebRootOf(Kind, ApiRoot);

    public static Uri WebRootOf(TrackerKind kind, Uri apiRoot)
    {
        if (kind == TrackerKind.GitHub && (apiRoot.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase)
            || apiRoot.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase)))
        {
            return new Uri("https://github.com/");
        }

        var text = NormalizeApiRoot(apiRoot).AbsoluteUri;
        var suffix = kind == TrackerKind.GitHub ? "api/v3/" : "api/v4/";
        return text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? new Uri(text[..^suffix.Length]) : new Uri(text);
    }

    /// <summary>
    /// The named HttpClient with no credentials, limits or accounting that follows a download's redirect to another
    /// host (object storage). ':' cannot occur in a tracker name, so it never collides with a tracker's own client.
    /// </summary>
    public string UnauthenticatedClientName => Name + ":unauthenticated";

    /// <summary>Adds the trailing slash relative URIs need so the last path segment is kept.</summary>
    public static Uri NormalizeApiRoot(Uri apiUrl)
    {
        if (!apiUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"Tracker API URL '{apiUrl}' must be absolute", nameof(apiUrl));
        }

        var text = apiUrl.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
    }
}
