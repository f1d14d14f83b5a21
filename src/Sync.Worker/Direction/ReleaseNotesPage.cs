using System.Globalization;
using System.Text;
using Sync.Core.Releases;
using Sync.Core.Storage;

namespace Sync.Worker.Direction;

/// <summary>
/// <c>/direction/&lt;product&gt;/releases/&lt;milestone&gt;</c>: a milestone's release notes as HTML in the /direction style,
/// from the draft the releases step last wrote (no tracker call). Every tracker text is HTML-encoded; a link is made only
/// to an http(s) page of the product's public project.
/// </summary>
internal static class ReleaseNotesPage
{
    /// <summary>The page of a milestone's notes, relative to the site root; the milestone by its title, URL-encoded.</summary>
    public static string Href(string product, string milestone) =>
        $"direction/{Uri.EscapeDataString(product)}/releases/{Uri.EscapeDataString(milestone)}";

    /// <summary>A product's notes that have been written (so have a draft), by milestone title (ordinal), newest first.</summary>
    public static async Task<IReadOnlyList<ReleaseNotesState>> LoadAsync(IDocumentStore store, string product, CancellationToken cancellationToken) =>
        [.. (await ReleaseNotesState.LoadAsync(store, product, cancellationToken)).Values
            .Where(s => s.Draft is not null && s.FirstWrittenAt is not null)
            .OrderByDescending(s => s.FirstWrittenAt)
            .ThenBy(s => s.MilestoneId)];

    /// <summary>The notes of <paramref name="milestone"/> (its title, as the route gives it, encoded or not), or null.</summary>
    public static ReleaseNotesState? Find(IReadOnlyList<ReleaseNotesState> notes, string milestone)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var decoded = Uri.UnescapeDataString(milestone);
        return notes.FirstOrDefault(n => string.Equals(n.Draft!.Milestone, decoded, StringComparison.Ordinal));
    }

    public static byte[] Render(string product, ReleaseNotesState notes) => Encoding.UTF8.GetBytes(Html(product, notes));

    public static string Html(string product, ReleaseNotesState notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var draft = notes.Draft ?? throw new ArgumentException("The notes have no draft.", nameof(notes));
        var title = $"Release notes: {draft.Milestone}";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode($"{title} · {product}")).Append("</title>\n")
            .Append("<style>\n").Append(DirectionStyles.Css).Append("\n</style>\n</head>\n<body>\n")
            .Append("<header>\n<h1>").Append(Encode(title)).Append("</h1>\n")
            .Append("<p><a href=\"../../../direction#product-").Append(Encode(Uri.EscapeDataString(product))).Append("\">")
            .Append(Encode(product)).Append(" roadmap</a></p>\n</header>\n<main>\n<section class=\"product release-notes\">\n")
            .Append("<p class=\"title\">").Append(Encode(ReleaseNotesText.Intro(draft, static t => t))).Append("</p>\n");
        if (notes.IsProjectLink(notes.WebUrl))
        {
            html.Append("<p class=\"roadmap-link\"><a href=\"").Append(Encode(notes.WebUrl!)).Append("\">Release notes issue</a></p>\n");
        }

        foreach (var section in draft.Sections)
        {
            html.Append("<section class=\"shipped\">\n<h3>").Append(Encode(section.Heading)).Append("</h3>\n<ul>\n");
            foreach (var item in section.Items)
            {
                var text = Encode(string.Create(CultureInfo.InvariantCulture, $"#{item.Number} {item.Title}"));
                html.Append("<li>");
                html.Append(notes.IsProjectLink(item.Url)
                    ? $"<a class=\"issue\" href=\"{Encode(item.Url)}\">{text}</a>"
                    : $"<span class=\"issue\">{text}</span>");
                if (ReleaseNotesText.Demand(item) is { Length: > 0 } demand)
                {
                    html.Append(" <span class=\"demand\">").Append(Encode(demand.TrimStart(' ', '—').TrimStart())).Append("</span>");
                }

                html.Append("</li>\n");
            }

            html.Append("</ul>\n</section>\n");
        }

        html.Append("</section>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Encode(string text) => DirectionPage.Encode(text);
}
