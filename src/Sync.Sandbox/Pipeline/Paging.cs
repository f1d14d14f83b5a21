using System.Text;

namespace Sync.Sandbox.Pipeline;

/// <summary>Offset paging and the RFC 8288 Link header shared by both trackers.</summary>
internal static class Paging
{
    public static List<T> Slice<T>(IReadOnlyList<T> all, int page, int perPage)
    {
        var start = (long)(page - 1) * perPage;
        if (start >= all.Count)
        {
            return [];
        }

        var count = (int)Math.Min(perPage, all.Count - start);
        var slice = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            slice.Add(all[(int)start + i]);
        }

        return slice;
    }

    public static int TotalPages(int total, int perPage) => Math.Max(1, (total + perPage - 1) / perPage);

    /// <summary>Builds the Link header; relations with a null page are left out.</summary>
    /// <param name="path">The path the links name (default: the request's own path).</param>
    public static string Link(HttpRequest request, int perPage, int? next, int? prev, int? first, int? last, string? path = null)
    {
        var parts = new List<string>();
        path ??= request.Path.Value;
        Add(parts, request, path, perPage, prev, "prev");
        Add(parts, request, path, perPage, next, "next");
        Add(parts, request, path, perPage, first, "first");
        Add(parts, request, path, perPage, last, "last");
        return string.Join(", ", parts);
    }

    private static void Add(List<string> parts, HttpRequest request, string? path, int perPage, int? page, string rel)
    {
        if (page is not { } p)
        {
            return;
        }

        var query = new StringBuilder();
        foreach (var (key, values) in request.Query)
        {
            if (key is "page" or "per_page")
            {
                continue;
            }

            foreach (var v in values)
            {
                query.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(v ?? "")).Append('&');
            }
        }

        query.Append("page=").Append(p).Append("&per_page=").Append(perPage);
        parts.Add($"<{request.Scheme}://{request.Host}{request.PathBase}{path}?{query}>; rel=\"{rel}\"");
    }
}
