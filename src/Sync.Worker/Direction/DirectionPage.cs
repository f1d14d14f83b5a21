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
            .Append("<title>Direction</title>\n");
        foreach (var product in products)
        {
            // Feed readers find a product's feed from the page; relative, so the page works under any path base.
            html.Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
                .Append(Encode(DirectionFeed.TitleOf(product.Product))).Append("\" href=\"").Append(Encode(FeedHref(product.Product))).Append("\">\n");
        }

        html.Append("<style>\n").Append(DirectionStyles.Css).Append("\n</style>\n</head>\n<body>\n")
            .Append("<header>\n<h1>Direction</h1>\n<p>What we are working on now, what comes next and what comes later.</p>\n</header>\n<main>\n");
        foreach (var product in products)
        {
            AppendProduct(html, product);
        }

        html.Append("</main>\n<footer>Votes (👍) show demand; the weekly change counts the last 7 days, the line the last ")
            .Append(Number(ProductDirection.TrendDays)).Append(" days of voters.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendProduct(StringBuilder html, ProductDirection product)
    {
        html.Append("<section class=\"product\" id=\"product-").Append(Encode(product.Product)).Append("\">\n")
            .Append("<h2>").Append(Encode(product.Product))
            .Append(" <span class=\"project\">").Append(Encode(product.PublicProject)).Append("</span></h2>\n");
        html.Append("<p class=\"feed\"><a href=\"").Append(Encode(FeedHref(product.Product)))
            .Append("\" type=\"application/atom+xml\">Atom feed</a> of what enters Now and what ships</p>\n");
        AppendReleases(html, product);
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
        AppendColumn(html, product, roadmap, RoadmapSection.Now, "now", "Now");
        AppendColumn(html, product, roadmap, RoadmapSection.Next, "next", "Next");
        AppendColumn(html, product, roadmap, RoadmapSection.Later, "later", "Later");
        html.Append("</div>\n");
        AppendNeedsInput(html, product, roadmap);
        AppendShipped(html, roadmap);
        html.Append("</section>\n");
    }

    /// <summary>Links to the product's release notes pages, newest first, when there are any.</summary>
    private static void AppendReleases(StringBuilder html, ProductDirection product)
    {
        if (product.Releases.Count == 0)
        {
            return;
        }

        html.Append("<p class=\"releases\">Release notes:");
        foreach (var notes in product.Releases)
        {
            var milestone = notes.Draft!.Milestone;
            html.Append(" <a href=\"").Append(Encode(ReleaseNotesPage.Href(product.Product, milestone))).Append("\">").Append(Encode(milestone)).Append("</a>");
        }

        html.Append("</p>\n");
    }

    private static void AppendColumn(StringBuilder html, ProductDirection product, ProductRoadmap roadmap, RoadmapSection section, string cssClass, string heading)
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
            html.Append("\n<p class=\"meta\">");
            AppendDemand(html, product, item, withChange: true);
            AppendRice(html, item);
            AppendMilestone(html, item);
            html.Append("</p></li>\n");
        }

        html.Append("</ol>\n</section>\n");
    }

    /// <summary>
    /// Open requests that lack RICE inputs, most votes first, so a voter finds the issue they voted for. Left out when
    /// there are none, as in the roadmap issue.
    /// </summary>
    private static void AppendNeedsInput(StringBuilder html, ProductDirection product, ProductRoadmap roadmap)
    {
        var items = roadmap.In(RoadmapSection.NeedsInput).ToList();
        if (items.Count == 0)
        {
            return;
        }

        html.Append("<section class=\"needs-input\" id=\"needs-input-").Append(Encode(product.Product)).Append("\">\n<h3>")
            .Append(Encode(RoadmapText.NeedsInputHeading)).Append("</h3>\n")
            .Append("<p class=\"hint\">Open requests that cannot be ranked yet: they need RICE inputs (an impact label and an effort estimate). Most votes first.</p>\n")
            .Append("<ol class=\"waiting\">\n");
        foreach (var item in items)
        {
            html.Append("<li>");
            AppendIssue(html, item);
            html.Append(' ');
            AppendDemand(html, product, item, withChange: false);
            html.Append("</li>\n");
        }

        html.Append("</ol>\n");
        if (roadmap.NeedsInputMore > 0)
        {
            html.Append("<p class=\"more\">…and ").Append(Number(roadmap.NeedsInputMore)).Append(" more.</p>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>
    /// The vote count as text (the emoji is hidden from screen readers, and means nothing without an emoji font) and,
    /// when there is one, the trend plot right after it.
    /// </summary>
    private static void AppendDemand(StringBuilder html, ProductDirection product, RoadmapItem item, bool withChange)
    {
        html.Append("<span class=\"demand\"><span aria-hidden=\"true\">👍</span> ").Append(Encode(RoadmapText.Votes(item.Up)));
        if (item.ForumVotes > 0)
        {
            html.Append(" <span class=\"forum\">").Append(Encode(RoadmapText.FromTheForum(item.ForumVotes))).Append("</span>");
        }

        if (withChange)
        {
            html.Append(" · ").Append(Change(item.UpChange));
        }

        if (product.Trends.TryGetValue(item.Number, out var svg))
        {
            // Inside the span, so the plot wraps with its count. Built by TrendSparkline from numbers and dates only
            // (its title is encoded there): markup, not tracker text.
            html.Append(' ').Append(svg);
        }

        html.Append("</span>");
    }

    /// <summary>Where a product's Atom feed is, relative to /direction.</summary>
    public static string FeedHref(string product) => $"direction/{Uri.EscapeDataString(product)}.atom";

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
