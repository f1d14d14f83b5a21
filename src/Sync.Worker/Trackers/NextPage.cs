using System.Text.RegularExpressions;

namespace Sync.Worker.Trackers;

/// <summary>
/// Finds the next page of a paged listing: the <c>Link</c> header's <c>rel="next"</c> (RFC 8288, both trackers),
/// else GitLab's <c>x-next-page</c> (empty on the last page) applied to the current URL.
/// </summary>
internal static partial class NextPage
{
    public static Uri? From(HttpResponseMessage response, Uri current)
    {
        if (response.Headers.TryGetValues("Link", out var links))
        {
            foreach (var link in links)
            {
                foreach (Match match in LinkPattern().Matches(link))
                {
                    if (match.Groups["rel"].Value.Split(' ').Contains("next", StringComparer.OrdinalIgnoreCase))
                    {
                        return new Uri(current, match.Groups["url"].Value);
                    }
                }
            }

            return null;
        }

        if (response.Headers.TryGetValues("x-next-page", out var next)
            && next.FirstOrDefault() is { Length: > 0 } page)
        {
            return WithQuery(current, "page", page.Trim());
        }

        return null;
    }

    public static Uri WithQuery(Uri uri, string name, string value)
    {
        var builder = new UriBuilder(uri);
        var pairs = builder.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal))
            .Append($"{name}={Uri.EscapeDataString(value)}");
        builder.Query = string.Join('&', pairs);
        return builder.Uri;
    }

    [GeneratedRegex("<(?<url>[^>]+)>\\s*;\\s*rel=\"?(?<rel>[^\",;]+)\"?", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
