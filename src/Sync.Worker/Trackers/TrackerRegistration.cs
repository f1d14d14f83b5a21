using Sync.Core.Trackers;

namespace Sync.Worker.Trackers;

/// <summary>One configured tracker as the registry sees it. Deliberately carries no token.</summary>
/// <param name="ApiRoot">The API root with a trailing slash, e.g. <c>https://gitlab.com/api/v4/</c>.</param>
internal sealed record TrackerRegistration(string Name, TrackerKind Kind, Uri ApiRoot)
{
    /// <summary>What differs about this tracker's kind (throws for a kind no dialect is registered for).</summary>
    public ITrackerDialect Dialect => TrackerDialects.For(Kind);

    /// <summary>The instance's web root, as the kind's dialect derives it from the API root.</summary>
    public Uri WebRoot => Dialect.WebRoot(ApiRoot);

    public static Uri WebRootOf(TrackerKind kind, Uri apiRoot) => TrackerDialects.For(kind).WebRoot(apiRoot);

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
