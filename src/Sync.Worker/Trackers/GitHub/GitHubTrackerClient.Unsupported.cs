using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>Port features GitHub's REST API does not have. Both throw before any request.</summary>
internal sealed partial class GitHubTrackerClient
{
    /// <exception cref="NotSupportedException">Always: GitHub has no API to upload an attachment to a repository.</exception>
    public Task<TrackerUpload> UploadFileAsync(string projectPath, string fileName, Stream content, CancellationToken cancellationToken) =>
        throw new NotSupportedException(
            $"Tracker '{Name}' is GitHub, which has no file upload API; '{fileName}' cannot be attached in {projectPath} (link it instead)");

    /// <exception cref="NotSupportedException">Always: GitHub boards are Projects v2 (GraphQL), not supported yet.</exception>
    public Task<TrackerBoard> EnsureBoardAsync(string projectPath, string boardName, IReadOnlyList<string> listLabels, CancellationToken cancellationToken) =>
        throw new NotSupportedException(
            $"Tracker '{Name}' is GitHub, whose boards are Projects v2 (GraphQL only); board '{boardName}' for {projectPath} is not supported yet");

    public Task<byte[]> DownloadUploadAsync(string projectPath, string uploadUrl, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"Tracker '{Name}' is GitHub, which has no upload API: attachments are left as links or placeholders");
}
