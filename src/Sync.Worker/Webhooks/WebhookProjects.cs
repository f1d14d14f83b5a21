using Sync.Core.Trackers;
using Sync.Worker.Configuration;
using Sync.Worker.Trackers;

namespace Sync.Worker.Webhooks;

/// <summary>
/// Finds the configured tracker that sent an event by comparing the project's web URL with each tracker's API root:
/// GitLab <c>https://host/prefix/api/v4</c> serves projects at <c>https://host/prefix/group/project</c>; GitHub's
/// <c>api.github.com</c> serves <c>github.com</c>, and an Enterprise <c>https://host/prefix/api/v3</c> serves
/// <c>https://host/prefix/owner/repo</c>. Host, port and path prefix must match (case-insensitively).
/// </summary>
internal static class WebhookProjects
{
    public static ProjectRef? Find(IssueSyncOptions options, TrackerKind kind, string projectPath, string? webUrl)
    {
        if (!Uri.TryCreate(webUrl, UriKind.Absolute, out var web))
        {
            return null;
        }

        var path = projectPath.Trim('/');
        foreach (var (name, tracker) in options.Trackers.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!TrackerDialects.TryParse(tracker.Kind, out var dialect)
                || dialect.Kind != kind
                || !Uri.TryCreate(tracker.ApiUrl?.Trim(), UriKind.Absolute, out var api)
                || WebRoot(dialect, api) is not { } root)
            {
                continue;
            }

            if (string.Equals(root.Host, web.Host, StringComparison.OrdinalIgnoreCase)
                && root.Port == web.Port
                && string.Equals($"{root.Prefix}/{path}", web.AbsolutePath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                return new ProjectRef(name, path);
            }
        }

        return null;
    }

    private static (string Host, int Port, string Prefix)? WebRoot(ITrackerDialect dialect, Uri api)
    {
        var root = dialect.WebRoot(api);
        return (root.Host, root.Port, root.AbsolutePath.TrimEnd('/'));
    }
}
