using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Sync.Sandbox.Web;

/// <summary>
/// Renders an issue body or comment the way the trackers do: CommonMark with the GitHub/GitLab extensions (tables, task
/// lists, autolinks, strikethrough), raw HTML allowed through the parser and then sanitised, so nothing executable and no
/// link other than http(s) or relative survives. Everything here comes from a tracker user: it is hostile input.
/// </summary>
internal static class WebMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .UseTaskLists()
        .Build();

    // Tags a page without script could still misuse to phish or to submit somewhere: forms and their controls. The task
    // list's disabled checkbox (an <input>) stays.
    private static readonly string[] DroppedTags = ["form", "button", "select", "option", "optgroup", "textarea", "fieldset", "legend", "label"];

    /// <param name="uploadRoot">GitLab only: the project's web path ("/gitlab/acme/widget"), against which GitLab
    /// resolves a body's <c>/uploads/…</c> links; null leaves links as written.</param>
    public static string ToHtml(string? markdown, string? uploadRoot)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return string.Empty;
        }

        var document = Markdown.Parse(markdown, Pipeline);
        if (uploadRoot is not null)
        {
            foreach (var link in document.Descendants<LinkInline>())
            {
                if (link.Url is { } url && url.StartsWith("/uploads/", StringComparison.Ordinal))
                {
                    link.Url = uploadRoot.TrimEnd('/') + url;
                }
            }
        }

        return Sanitize(document.ToHtml(Pipeline));
    }

    /// <summary>HtmlSanitizer's allow-list, narrowed: http(s) and relative URLs only, no inline style, no forms, no targets.</summary>
    internal static string Sanitize(string html)
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowDataAttributes = false;
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("target");
        sanitizer.AllowedAttributes.Remove("action");
        sanitizer.AllowedAttributes.Remove("formaction");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        foreach (var tag in DroppedTags)
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        sanitizer.AllowedTags.Remove("style");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } a && a.HasAttribute("href"))
            {
                a.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
        return sanitizer.Sanitize(html);
    }
}
