using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Sync.Sandbox.Tests.Web;

/// <summary>Fetches a sandbox web page over loopback (no token: the pages are not API routes) and parses it as a browser would.</summary>
internal static class WebPages
{
    public static HttpClient Browser() => new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<(HttpResponseMessage Response, string Html, IDocument Document)> GetAsync(HttpClient http, string url)
    {
        var response = await http.GetAsync(url, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var document = await new HtmlParser().ParseDocumentAsync(html);
        return (response, html, document);
    }

    /// <summary>
    /// What a browser could execute or load from the page: script or frame elements, event-handler attributes, and URL
    /// attributes other than http(s), relative or fragment ones. Empty for a safe page.
    /// </summary>
    public static List<string> Executable(IDocument document)
    {
        var found = new List<string>();
        foreach (var element in document.All)
        {
            if (element.LocalName is "script" or "iframe" or "frame" or "object" or "embed" or "form" or "base")
            {
                found.Add($"<{element.LocalName}>");
            }

            if (element.LocalName == "meta" && element.GetAttribute("http-equiv") is { } equiv)
            {
                found.Add($"<meta http-equiv={equiv}>");
            }

            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || attribute.Name is "srcdoc" or "formaction" or "action")
                {
                    found.Add($"<{element.LocalName} {attribute.Name}>");
                }

                if (attribute.Name is "href" or "src" or "srcset" or "poster" or "background" or "cite" or "xlink:href" && !IsSafeUrl(attribute.Value))
                {
                    found.Add($"<{element.LocalName} {attribute.Name}=\"{attribute.Value}\">");
                }
            }
        }

        return found;
    }

    private static bool IsSafeUrl(string url)
    {
        var trimmed = url.Trim();
        if (trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Relative: no scheme before the first '/', '?' or '#'.
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var stop = trimmed.IndexOfAny(['/', '?', '#']);
        return colon < 0 || (stop >= 0 && stop < colon);
    }
}
