using System.Net;
using Sync.Core.Publishing.Links;
using Sync.Core.Publishing.Text;

namespace Sync.Core.Publishing.Markdown;

/// <summary>
/// Raw HTML inside Markdown (a block, or one inline tag): comments are dropped (issue templates keep internal notes in
/// them), URL attributes follow the same rules as Markdown links, and the text of an HTML block gets the same mention
/// and reference rewrites as prose, written as HTML.
/// </summary>
internal sealed class HtmlRewriter(string text, SourceEdits edits, PublicRewrites rewrites, Findings findings)
{
    /// <summary>Attributes that hold a URL (HTML, SVG, and the ones older browsers still follow).</summary>
    private static readonly HashSet<string> UrlAttributes = new(StringComparer.Ordinal)
    {
        "href", "src", "srcset", "action", "formaction", "poster", "cite", "background", "data", "longdesc", "usemap",
        "lowsrc", "dynsrc", "ping", "xlink:href", "codebase", "manifest", "icon", "profile", "archive", "itemtype", "imagesrcset",
    };

    /// <summary>Elements whose URL attribute embeds the resource: a private one takes the element out.</summary>
    private static readonly HashSet<string> Embedding = new(StringComparer.Ordinal)
    {
        "img", "image", "video", "audio", "source", "track", "iframe", "embed", "object", "input", "picture", "frame",
    };

    /// <summary>Elements whose text no tracker turns into mentions or references.</summary>
    private static readonly HashSet<string> Verbatim = new(StringComparer.Ordinal) { "code", "pre", "script", "style", "kbd", "samp" };

    public void Rewrite(int start, int end, bool isBlock)
    {
        var depth = 0;
        foreach (var token in HtmlTokens.Scan(text, start, end))
        {
            switch (token.Kind)
            {
                case HtmlTokenKind.Comment:
                    edits.Delete(token.Start, token.End);
                    findings.Add("html-comment");
                    break;
                case HtmlTokenKind.StartTag:
                    Tag(token, isBlock);
                    depth += Verbatim.Contains(token.Name) ? 1 : 0;
                    break;
                case HtmlTokenKind.EndTag:
                    depth = Math.Max(0, depth - (Verbatim.Contains(token.Name) ? 1 : 0));
                    break;
                case HtmlTokenKind.Text when isBlock && depth == 0:
                    Prose(token.Start, token.End);
                    break;
            }
        }
    }

    private void Tag(HtmlToken tag, bool isBlock)
    {
        var context = isBlock ? TextContext.Html : TextContext.Markdown;
        foreach (var attribute in tag.Attributes)
        {
            if (attribute.Name == "style" && attribute.Value(text).Contains("url(", StringComparison.OrdinalIgnoreCase))
            {
                edits.Delete(attribute.Start, attribute.End);
                findings.Add("style-url");
                continue;
            }

            if (!UrlAttributes.Contains(attribute.Name) || attribute.ValueStart < 0)
            {
                continue;
            }

            var value = WebUtility.HtmlDecode(attribute.Value(text));
            var verdicts = attribute.Name.EndsWith("srcset", StringComparison.Ordinal)
                ? value.Split(',').Select(c => c.Trim().Split(' ')[0]).Where(u => u.Length > 0).Select(rewrites.Rules.Links.Classify).ToList()
                : [rewrites.Rules.Links.Classify(value)];
            if (verdicts.TrueForAll(v => v.Kind == LinkKind.Public))
            {
                continue;
            }

            var verdict = verdicts.First(v => v.Kind != LinkKind.Public);
            findings.Add(verdict.Rule);
            if (verdicts.Count == 1 && verdict.Kind == LinkKind.SourceIssue && rewrites.Rules.MovedIssues.TryGetValue(verdict.IssueNumber, out var moved))
            {
                edits.Replace(attribute.ValueStart, attribute.ValueEnd, moved);
            }
            else if (verdicts.Count == 1 && verdict.Kind == LinkKind.SourceUpload && rewrites.Rules.UploadToken(verdict.Upload!) is { } token)
            {
                edits.Replace(attribute.ValueStart, attribute.ValueEnd, token);
            }
            else if (Embedding.Contains(tag.Name) && !attribute.Name.EndsWith("srcset", StringComparison.Ordinal))
            {
                edits.Replace(tag.Start, tag.End, verdict.Kind == LinkKind.SourceUpload
                    ? PublicRewrites.AttachmentNotCopied(verdict.Upload!.FileName, context)
                    : PublicRewrites.ImageRemoved(context));
                return;
            }
            else
            {
                edits.Delete(attribute.Start, attribute.End);
            }
        }
    }

    /// <summary>Text between tags of an HTML block: the trackers render it as HTML, so entities are decoded first.</summary>
    private void Prose(int start, int end)
    {
        var run = TextRun.HtmlDecoded(text, start, end);
        var rendered = run.Text;
        foreach (var mention in Mentions.Find(rendered))
        {
            var (from, to) = run.SourceSpan(mention.Index, mention.Index + mention.Length);
            edits.Replace(from, to, rewrites.Mention(mention.Name, TextContext.Html, string.Empty));
            findings.Add(rewrites.IsMapped(mention.Name) ? "mention-mapped" : "mention");
        }

        foreach (var reference in References.Find(rendered))
        {
            if (rewrites.Reference(reference, TextContext.Html, out var rule) is { } replacement)
            {
                var (from, to) = run.SourceSpan(reference.Index, reference.Index + reference.Length);
                edits.Replace(from, to, WebUtility.HtmlEncode(replacement));
                findings.Add(rule!);
            }
        }
    }

}
