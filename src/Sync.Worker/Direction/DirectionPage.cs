using System.Globalization;
using System.Text;
using Sync.Core.Roadmap;

namespace Sync.Worker.Direction;

/// <summary>
/// Renders /direction: one self-contained HTML page (inline CSS, no scripts, no external resources) with a
/// section per product. Deterministic: the same roadmaps always give the same bytes. Everything that comes
/// from a tracker is HTML-encoded, and only http(s) URLs become links.
/// </summary>
internal static class DirectionPage
{
    public const string NotBuiltText = "No roadmap yet — it is built on the next scheduled run.";

    public static byte[] Render(IReadOnlyList<ProductDirection> products) => Encoding.UTF8.GetBytes(Html(products));

    public static string Html(IReadOnlyList<ProductDirection> products)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Direction</title>\n<style>\n").Append(DirectionStyles.Css).Append("\n</style>\n</head>\n<body>\n")
            .Append("<header>\n<h1>Direction</h1>\n<p>What we are working on now, what comes next and what comes later.</p>\n</header>\n<main>\n");
        foreach (var product in products)
        {
            AppendProduct(html, product);
        }

        html.Append("</main>\n<footer>Votes (👍) show demand; the weekly change counts the last 7 days.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendProduct(StringBuilder html, ProductDirection product)
    {
        html.Append("<section class=\"product\" id=\"product-").Append(Encode(product.Product)).Append("\">\n")
            .Append("<h2>").Append(Encode(product.Product))
            .Append(" <span class=\"project\">").Append(Encode(product.PublicProject)).Append("</span></h2>\n");
        if (product.Roadmap is not { } roadmap)
        {
            html.Append("<p class=\"empty\">").Append(Encode(NotBuiltText)).Append("</p>\n</section>\n");
            return;
        }

        if (!string.IsNullOrWhiteSpace(roadmap.Title))
        {
            html.Append("<p class=\"title\">").Append(Encode(roadmap.Title)).Append("</p>\n");
        }

        if (ProductDirection.SafeUrl(roadmap.IssueUrl) is { } issueUrl)
        {
            html.Append("<p class=\"roadmap-link\"><a href=\"").Append(Encode(issueUrl)).Append("\">Roadmap issue</a></p>\n");
        }

        html.Append("<div class=\"columns\">\n");
        AppendColumn(html, roadmap, RoadmapSection.Now, "now", "Now");
        AppendColumn(html, roadmap, RoadmapSection.Next, "next", "Next");
        AppendColumn(html, roadmap, RoadmapSection.Later, "later", "Later");
        html.Append("</div>\n");
        AppendShipped(html, roadmap);
        html.Append("</section>\n");
    }

    private static void AppendColumn(StringBuilder html, ProductRoadmap roadmap, RoadmapSection section, string cssClass, string heading)
    {
        html.Append("<section class=\"column ").Append(cssClass).Append("\">\n<h3>").Append(heading).Append("</h3>\n");
        var items = roadmap.In(section).ToList();
        if (items.Count == 0)
        {
            html.Append("<p class=\"none\">Nothing here yet.</p>\n</section>\n");
            return;
        }

        html.Append("<ol class=\"cards\">\n");
        foreach (var item in items)
        {
            html.Append("<li class=\"card\">");
            AppendIssue(html, item);
            html.Append("\n<p class=\"meta\"><span class=\"demand\">👍 ").Append(Number(item.Up))
                .Append(" · ").Append(Change(item.UpChange)).Append("</span>");
            AppendRice(html, item);
            AppendMilestone(html, item);
            html.Append("</p></li>\n");
        }

        html.Append("</ol>\n</section>\n");
    }

    private static void AppendShipped(StringBuilder html, ProductRoadmap roadmap)
    {
        html.Append("<section class=\"shipped\">\n<h3>Recently shipped</h3>\n");
        var items = roadmap.In(RoadmapSection.Shipped).ToList();
        if (items.Count == 0)
        {
            html.Append("<p class=\"none\">Nothing shipped recently.</p>\n</section>\n");
            return;
        }

        html.Append("<ul>\n");
        foreach (var item in items)
        {
            html.Append("<li>");
            AppendIssue(html, item);
            if (item.ClosedAt is { } closed)
            {
                var day = closed.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                html.Append(" <time datetime=\"").Append(day).Append("\">shipped ").Append(day).Append("</time>");
            }

            html.Append("</li>\n");
        }

        html.Append("</ul>\n</section>\n");
    }

    private static void AppendIssue(StringBuilder html, RoadmapItem item)
    {
        var text = Encode(string.Create(CultureInfo.InvariantCulture, $"#{item.Number} {item.Title}"));
        if (ProductDirection.SafeUrl(item.Url) is { } url)
        {
            html.Append("<a class=\"issue\" href=\"").Append(Encode(url)).Append("\">").Append(text).Append("</a>");
        }
        else
        {
            html.Append("<span class=\"issue\">").Append(text).Append("</span>");
        }
    }

    private static void AppendRice(StringBuilder html, RoadmapItem item)
    {
        if (item.RiceBucket is null && item.RiceScore is null)
        {
            return;
        }

        var bucket = item.RiceBucket?.Trim();
        var label = (bucket, item.RiceScore) switch
        {
            ({ Length: > 0 }, { } score) => $"RICE {bucket} · {Score(score)}",
            ({ Length: > 0 }, null) => $"RICE {bucket}",
            (_, { } score) => $"RICE {Score(score)}",
            _ => "RICE",
        };
        html.Append(" <span class=\"badge").Append(BucketClass(bucket)).Append("\">").Append(Encode(label)).Append("</span>");
    }

    private static void AppendMilestone(StringBuilder html, RoadmapItem item)
    {
        if (string.IsNullOrWhiteSpace(item.Milestone))
        {
            return;
        }

        html.Append(" <span class=\"milestone\">🏁 ").Append(Encode(item.Milestone));
        if (item.MilestoneDue is { } due)
        {
            html.Append(" · due ").Append(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        html.Append("</span>");
    }

    /// <summary>A class for the known buckets only: the bucket text is configuration, never markup.</summary>
    private static string BucketClass(string? bucket) => bucket?.ToUpperInvariant() switch
    {
        "TOP" => " rice-top",
        "HIGH" => " rice-high",
        _ => string.Empty,
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Score(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Change(int change) => change switch
    {
        > 0 => $"+{Number(change)} this week",
        < 0 => $"−{Number(-change)} this week",
        _ => "no change this week",
    };

    /// <summary>Encodes the five HTML-significant characters and leaves the rest (emoji, dashes) readable.</summary>
    internal static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var encoded = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => encoded.Append("&amp;"),
                '<' => encoded.Append("&lt;"),
                '>' => encoded.Append("&gt;"),
                '"' => encoded.Append("&quot;"),
                '\'' => encoded.Append("&#39;"),
                _ => encoded.Append(c),
            };
        }

        return encoded.ToString();
    }
}
