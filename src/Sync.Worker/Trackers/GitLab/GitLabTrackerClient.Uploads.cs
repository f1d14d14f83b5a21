using System.Net.Http.Headers;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.StaticFiles;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>POST /projects/:id/uploads (multipart field <c>file</c>); downloads are in <c>GitLabTrackerClient.Downloads.cs</c>.</summary>
internal sealed partial class GitLabTrackerClient
{
    // GitLab renders images as ![alt](url) and other files as [name](url); a truthful content type keeps that right.
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public async Task<TrackerUpload> UploadFileAsync(string projectPath, string fileName, Stream content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(content);

        // Buffered so a retried attempt can send the same bytes again (a consumed stream cannot be re-read).
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var file = new ByteArrayContent(buffer.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue(ContentTypes.TryGetContentType(fileName, out var type) ? type : "application/octet-stream");
        using var form = new MultipartFormDataContent { { file, "file", fileName } };

        var upload = await SendAsync<GitLabUploadDto>(HttpMethod.Post, ProjectSegment(projectPath) + "/uploads", form, $"upload to {projectPath}", cancellationToken)
            .ConfigureAwait(false);
        return new TrackerUpload(upload.Url, upload.Markdown);
    }
}

/// <summary>The documented upload answer; <c>id</c>, <c>alt</c> and <c>full_path</c> are not carried.</summary>
internal sealed record GitLabUploadDto(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("markdown")] string Markdown);
