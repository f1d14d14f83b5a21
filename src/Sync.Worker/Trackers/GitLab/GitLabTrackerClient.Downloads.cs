using System.Globalization;
using System.Net.Http.Headers;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>
/// Reads a project upload through GitLab's API route <c>GET /projects/:id/uploads/:secret/:filename</c> (GitLab 17.4+,
/// Guest role; <c>doc/api/project_markdown_uploads.md</c>). The web route <c>/&lt;project&gt;/uploads/...</c> takes no
/// API token on private projects, and is never used. The link is hostile text, so: only <see cref="UploadLink"/>s are
/// fetched; the token goes with exactly one request, whose path is checked before it is sent; a redirect (GitLab sends
/// one to object storage, <c>lib/api/helpers.rb</c> <c>present_carrierwave_file!</c>) is followed by hand, at most
/// <see cref="MaxDownloadRedirects"/> times, to other origins only and without any credentials; and an answer that is
/// JSON, comes from elsewhere on the tracker or exceeds <see cref="MaxDownloadBytes"/> is refused, never re-uploaded.
/// </summary>
internal sealed partial class GitLabTrackerClient
{
    /// <summary>GitLab's default <c>max_attachment_size</c>, 100 MiB (MR !105396); nothing larger is read.</summary>
    internal const long DefaultMaxDownloadBytes = 100L * 1024 * 1024;

    /// <summary>Object storage takes one redirect, a CDN in front of it maybe one more.</summary>
    internal const int MaxDownloadRedirects = 3;

    private const string NotAnUploadLink = "it is not a link of the form /uploads/<32 hex digits>/<file name>";

    /// <summary>Size cap of one download (tests lower it).</summary>
    internal long MaxDownloadBytes { get; init; } = DefaultMaxDownloadBytes;

    /// <exception cref="TrackerUploadRefusedException">The link or the answer is not something to copy.</exception>
    public async Task<byte[]> DownloadUploadAsync(string projectPath, string uploadUrl, CancellationToken cancellationToken)
    {
        var link = ReadUploadLink(projectPath, uploadUrl);
        var route = UploadRoute(projectPath, link);
        using var request = new HttpRequestMessage(HttpMethod.Get, route);
        var response = await _http.SendAsync(
            httpClientFactory.CreateClient(Name), request, $"upload '{link.FileName}' of {projectPath}", cancellationToken, returnRedirects: true)
            .ConfigureAwait(false);
        try
        {
            for (var followed = 0; TrackerHttp.IsRedirect(response); followed++)
            {
                var next = RedirectTarget(response, link, followed);
                response.Dispose();
                response = await SendWithoutCredentialsAsync(next, link, cancellationToken).ConfigureAwait(false);
            }

            CheckAnswer(response, route, link);
            return await ReadCappedAsync(response, link, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            response.Dispose();
        }
    }

    /// <summary>The link as written (relative, or under this project's web URL) → a strictly parsed <see cref="UploadLink"/>.</summary>
    private UploadLink ReadUploadLink(string projectPath, string uploadUrl)
    {
        ArgumentNullException.ThrowIfNull(uploadUrl);
        var projectUrl = registration.WebRoot.AbsoluteUri + projectPath.Trim('/');
        var relative = uploadUrl.StartsWith(projectUrl + "/uploads/", StringComparison.OrdinalIgnoreCase) ? uploadUrl[projectUrl.Length..] : uploadUrl;
        return UploadLink.TryParse(relative, out var link) ? link : throw Refused(null, NotAnUploadLink);
    }

    /// <summary>The one URI the token may go to: API root + <c>projects/&lt;id&gt;/uploads/&lt;secret&gt;/&lt;name&gt;</c>.</summary>
    private Uri UploadRoute(string projectPath, UploadLink link)
    {
        var relative = $"{ProjectSegment(projectPath)}/uploads/{link.Secret}/{Uri.EscapeDataString(link.FileName)}";
        var route = new Uri(registration.ApiRoot, relative);

        // System.Uri resolves dot segments, also percent-encoded ones: check what would really be sent.
        return TrackerAuthHandler.IsSameOrigin(route, registration.ApiRoot)
            && route.PathAndQuery == registration.ApiRoot.AbsolutePath + relative
            ? route
            : throw Refused(link, "the request would leave the upload route");
    }

    private Uri RedirectTarget(HttpResponseMessage response, UploadLink link, int followed)
    {
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (followed >= MaxDownloadRedirects)
        {
            throw Refused(link, $"more than {MaxDownloadRedirects} redirects");
        }

        if (response.RequestMessage?.RequestUri is not { } from || response.Headers.Location is not { } location)
        {
            throw Refused(link, $"a {status} redirect without a location");
        }

        var target = location.IsAbsoluteUri ? location : new Uri(from, location);
        if (target.Scheme != Uri.UriSchemeHttps && (target.Scheme != Uri.UriSchemeHttp || from.Scheme == Uri.UriSchemeHttps))
        {
            throw Refused(link, $"a {status} redirect to a {target.Scheme} URL");
        }

        if (TrackerAuthHandler.IsSameOrigin(target, registration.ApiRoot))
        {
            // Only another host (object storage) is followed: a same-origin hop could be any API answer.
            throw Refused(link, $"a {status} redirect to another address of the tracker");
        }

        GitLabLog.FollowingUploadRedirect(logger, Name, link.FileName, target.Host);
        return target;
    }

    /// <summary>One hop to object storage through the credential-free client (no token, limits or accounting).</summary>
    private async Task<HttpResponseMessage> SendWithoutCredentialsAsync(Uri target, UploadLink link, CancellationToken cancellationToken)
    {
        var resource = $"the storage host {target.Host} of upload '{link.FileName}'";
        var client = httpClientFactory.CreateClient(registration.UnauthenticatedClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, target), HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (TrackerErrors.FromTransport(Name, ex, resource, cancellationToken) is { } translated)
        {
            throw translated;
        }

        if (response.IsSuccessStatusCode || TrackerHttp.IsRedirect(response))
        {
            return response;
        }

        var status = (int)response.StatusCode;
        response.Dispose();
        throw status is 408 or >= 500
            ? new TrackerUnavailableException(Name, $"{status} from {resource}")
            : Refused(link, $"{target.Host} answered {status}");
    }

    private void CheckAnswer(HttpResponseMessage response, Uri route, UploadLink link)
    {
        if (response.RequestMessage?.RequestUri is not { } answeredBy
            || (TrackerAuthHandler.IsSameOrigin(answeredBy, registration.ApiRoot) && answeredBy.PathAndQuery != route.PathAndQuery))
        {
            throw Refused(link, "the answer did not come from the upload route");
        }

        if (IsJson(response.Content.Headers.ContentType))
        {
            throw Refused(link, "the answer is JSON (an API answer), not a file");
        }

        if (response.Content.Headers.ContentLength > MaxDownloadBytes)
        {
            throw Refused(link, $"it is larger than {MaxDownloadBytes} bytes");
        }
    }

    /// <summary>Streams the body, refusing it as soon as it passes the cap (a missing or lying Content-Length changes nothing).</summary>
    private async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, UploadLink link, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxDownloadBytes)
                {
                    throw Refused(link, $"it is larger than {MaxDownloadBytes} bytes");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new TrackerUnavailableException(Name, $"connection lost while reading upload '{link.FileName}'", ex);
        }
    }

    private static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } type
        && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private TrackerUploadRefusedException Refused(UploadLink? link, string reason)
    {
        GitLabLog.UploadRefused(logger, Name, link?.FileName ?? "(not an upload link)", reason);
        return new TrackerUploadRefusedException(Name, link?.FileName, reason);
    }
}
