namespace Sync.Core.Trackers;

/// <summary>
/// File attachments of a project (GitLab uploads). Optional: a client without an upload API (GitHub) does not implement
/// it; ask with <see cref="TrackerCapabilities.Get{T}"/>.
/// </summary>
public interface IUploads
{
    /// <summary>Uploads a file to the project.</summary>
    Task<TrackerUpload> UploadFileAsync(string projectPath, string fileName, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Downloads a file uploaded to the project, given the link as it appears in Markdown (GitLab
    /// <c>/uploads/&lt;secret&gt;/&lt;name&gt;</c>, relative to the project).
    /// </summary>
    Task<byte[]> DownloadUploadAsync(string projectPath, string uploadUrl, CancellationToken cancellationToken);
}

/// <summary>
/// Label boards of a project (GitLab issue boards). Optional: GitHub's boards are Projects v2, a separate port
/// (<see cref="Roadmap.IProjectBoards"/>).
/// </summary>
public interface IBoards
{
    /// <summary>
    /// Makes sure a board called <paramref name="boardName"/> exists with one list per label in this order (creating
    /// the board, missing lists and repositioning as needed).
    /// </summary>
    Task<TrackerBoard> EnsureBoardAsync(string projectPath, string boardName, IReadOnlyList<string> listLabels, CancellationToken cancellationToken);
}

/// <summary>Asks a client for an optional capability port.</summary>
public static class TrackerCapabilities
{
    /// <summary>The capability, or null when the tracker has none (wrappers such as the public-text guard pass it through).</summary>
    public static T? Get<T>(this ITrackerClient client)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(client);
        return client is ICapabilityWrapper wrapper ? wrapper.Capability<T>() : client as T;
    }
}

/// <summary>A client that wraps another and decides which of the inner client's capabilities it exposes, and how.</summary>
public interface ICapabilityWrapper
{
    T? Capability<T>()
        where T : class;
}
