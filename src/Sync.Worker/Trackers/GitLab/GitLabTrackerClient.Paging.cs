using System.Globalization;
using System.Runtime.CompilerServices;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

internal sealed partial class GitLabTrackerClient
{
    /// <summary>
    /// The one GitLab pager: asks for <see cref="PageSize"/> items a page and follows <c>Link rel="next"</c>, else
    /// <c>x-next-page</c> (see <see cref="NextPage"/>), until a page is empty or no next page is announced.
    /// </summary>
    /// <param name="path">Relative path, e.g. <c>projects/acme%2Fwidget/labels</c>.</param>
    /// <param name="query">Extra query parameters, already escaped (<c>a=1&amp;b=2</c>), or empty.</param>
    /// <param name="shortPages">
    /// The resource's pages may be short, even empty, with more to follow: GitLab's notes API drops the notes the token may
    /// not read after paginating (<c>lib/api/notes.rb</c>). Then only the next-page headers end the listing.
    /// </param>
    private async IAsyncEnumerable<T> ListAllAsync<T>(
        string path,
        string query,
        string resource,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        bool shortPages = false)
    {
        var client = httpClientFactory.CreateClient(Name);
        var first = "per_page=" + PageSize.ToString(CultureInfo.InvariantCulture) + (query.Length > 0 ? "&" + query : string.Empty);
        Uri? next = new Uri(client.BaseAddress!, path + "?" + first);
        int count = 0, pages = 0;
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            using var response = await _http.SendAsync(client, request, resource, cancellationToken).ConfigureAwait(false);
            var page = await _http.ReadJsonAsync<List<T>>(response, Json, resource, cancellationToken).ConfigureAwait(false);
            pages++;
            var following = page.Count == 0 && !shortPages ? null : NextPage.From(response, next);
            if (following is not null && following == next)
            {
                throw new TrackerProtocolException(Name, string.Create(CultureInfo.InvariantCulture, $"page {pages} of {resource} announces itself as the next page"));
            }

            // Elsewhere a short page that still announces a next one was cut off on the way (a proxy, a dropped
            // connection): refuse it before yielding anything, so no caller acts on a partial listing or advances a cursor
            // past it. The page size is what GitLab says it used (x-per-page), not what was asked for.
            if (!shortPages && following is not null && PerPage(response) is { } perPage && page.Count < perPage)
            {
                throw new TrackerProtocolException(
                    Name,
                    string.Create(CultureInfo.InvariantCulture, $"page {pages} of {resource} has {page.Count} of {perPage} items but announces a next page (truncated)"));
            }

            foreach (var item in page)
            {
                count++;
                yield return item;
            }

            next = following;
        }

        GitLabLog.Listed(logger, Name, resource, count, pages);
    }

    /// <summary>
    /// One page (1-based) of a listing and whether a next one is announced: one request. A short page that announces a
    /// next one is refused as truncated, as in <see cref="ListAllAsync{T}"/>.
    /// </summary>
    private async Task<(List<T> Items, bool HasMore)> ReadPageAsync<T>(string path, string query, int page, string resource, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(Name);
        var parameters = "per_page=" + PageSize.ToString(CultureInfo.InvariantCulture)
            + (page > 1 ? "&page=" + page.ToString(CultureInfo.InvariantCulture) : string.Empty)
            + (query.Length > 0 ? "&" + query : string.Empty);
        var uri = new Uri(client.BaseAddress!, path + "?" + parameters);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await _http.SendAsync(client, request, resource, cancellationToken).ConfigureAwait(false);
        var items = await _http.ReadJsonAsync<List<T>>(response, Json, resource, cancellationToken).ConfigureAwait(false);
        var hasMore = items.Count > 0 && NextPage.From(response, uri) is not null;
        if (hasMore && PerPage(response) is { } perPage && items.Count < perPage)
        {
            throw new TrackerProtocolException(
                Name,
                string.Create(CultureInfo.InvariantCulture, $"page {page} of {resource} has {items.Count} of {perPage} items but announces a next page (truncated)"));
        }

        return (items, hasMore);
    }

    private static int? PerPage(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-per-page", out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var perPage) && perPage > 0
            ? perPage
            : null;
}
