using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Sync.Core.Publishing.Links;
using Sync.Core.Publishing.Text;

namespace Sync.Core.Publishing.Markdown;

/// <summary>
/// Rewrites Markdown copied from a private tracker so that what the public tracker renders links nowhere private,
/// pings nobody and drops hidden comments. The text is parsed with a CommonMark parser (Markdig, with the GitHub/GitLab
/// extensions that change what is a link: autolinks, tables, strikethrough, task lists, footnotes) and only the nodes that
/// must change are replaced in the original text; every other byte stays as written.
/// </summary>
internal sealed partial class MarkdownRewriter(PublicRewrites rewrites, Findings findings)
{
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePreciseSourceLocation()
        .UsePipeTables()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .UseTaskLists()
        .UseFootnotes()
        .Build();

    private SourceEdits _edits = new(string.Empty);
    private string _fence = "`";

    public string Rewrite(string text)
    {
        _edits = new SourceEdits(text);
        _fence = text.Contains('`', StringComparison.Ordinal) ? string.Empty : "`";
        var document = Markdig.Markdown.Parse(text, Pipeline);
        foreach (var block in document)
        {
            Block(block);
        }

        return _edits.Apply();
    }

    private string Text => _edits.Text;

    private void Block(Block block)
    {
        switch (block)
        {
            case CodeBlock:
                return; // code is shown as written; secrets in it are the redactor's
            case HtmlBlock html:
                Html(html.Span.Start, Math.Min(html.Span.End + 1, Text.Length), isBlock: true);
                return;
            case LinkReferenceDefinition definition:
                Definition(definition);
                return;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Block(child);
                }

                return;
            case LeafBlock { Inline: { } inline }:
                Inlines(inline, inLinkText: false);
                return;
        }
    }

    private void Inlines(ContainerInline container, bool inLinkText)
    {
        var run = new TextRun();
        var verbatim = 0; // inside inline <code> or <pre>: rendered as code, so no mention or reference
        foreach (var inline in container)
        {
            if (inline is HtmlInline tag && VerbatimTag(tag.Tag) is { } delta)
            {
                Flush(run, inLinkText);
                run = new TextRun();
                verbatim = Math.Max(0, verbatim + delta);
                Other(inline, inLinkText);
                continue;
            }

            if (verbatim > 0 && inline is LiteralInline or HtmlEntityInline or LineBreakInline)
            {
                continue;
            }

            switch (inline)
            {
                case LiteralInline literal:
                    AddLiteral(run, literal);
                    break;
                case HtmlEntityInline entity:
                    run.AddAtomic(entity.Transcoded.ToString(), entity.Span.Start, entity.Span.End + 1);
                    break;
                case LineBreakInline { IsHard: false } soft:
                    run.AddAtomic("\n", soft.Span.Start, Math.Max(soft.Span.Start, soft.Span.End + 1));
                    break;
                default:
                    Flush(run, inLinkText);
                    run = new TextRun();
                    Other(inline, inLinkText);
                    break;
            }
        }

        Flush(run, inLinkText);
    }

    /// <summary>
    /// A literal's characters and where they stand: Markdig parses a paragraph from a copy of its lines, so the literal's
    /// <see cref="SourceSpan"/> (precise source location) is what points into the original text.
    /// </summary>
    private void AddLiteral(TextRun run, LiteralInline literal)
    {
        var content = literal.Content.ToString();
        var span = literal.Span;
        if (content.Length == 0 || span.Start < 0 || span.End >= Text.Length)
        {
            return;
        }

        var source = Text.AsSpan(span.Start, span.Length);
        if (source.SequenceEqual(content))
        {
            run.AddVerbatim(content, span.Start);
        }
        else if (literal.IsFirstCharacterEscaped && source.Length == content.Length + 1 && source[0] == '\\' && source[1..].SequenceEqual(content))
        {
            // "\@" renders as "@": the escape and its character stand for one rendered character.
            run.AddAtomic(content[..1], span.Start, span.Start + 2);
            run.AddVerbatim(content[1..], span.Start + 2);
        }
        else
        {
            run.AddAtomic(content, span.Start, span.End + 1);
        }
    }

    private void Other(Inline inline, bool inLinkText)
    {
        switch (inline)
        {
            case CodeInline:
                return;
            case LinkInline link:
                Link(link, inLinkText);
                return;
            case AutolinkInline autolink:
                Bare(autolink.Span.Start, autolink.Span.End + 1, autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url, angled: true);
                return;
            case HtmlInline html:
                Html(html.Span.Start, html.Span.End + 1, isBlock: false);
                return;
            case ContainerInline container:
                Inlines(container, inLinkText);
                return;
        }
    }

    /// <summary>Mentions and references of one rendered text node.</summary>
    private void Flush(TextRun run, bool inLinkText)
    {
        if (run.IsEmpty)
        {
            return;
        }

        var rendered = run.Text;
        var taken = new List<(int Start, int End)>();
        foreach (var mention in Mentions.Find(rendered))
        {
            var (start, end) = run.SourceSpan(mention.Index, mention.Index + mention.Length);
            _edits.Replace(start, end, rewrites.Mention(mention.Name, TextContext.Markdown, _fence));
            taken.Add((mention.Index, mention.Index + mention.Length));
            findings.Add(rewrites.IsMapped(mention.Name) ? "mention-mapped" : "mention");
        }

        if (inLinkText)
        {
            return; // a reference inside a link's text is not linked again
        }

        foreach (var reference in References.Find(rendered))
        {
            if (taken.Exists(t => reference.Index < t.End && t.Start < reference.Index + reference.Length)
                || rewrites.Reference(reference, TextContext.Markdown, out var rule) is not { } replacement)
            {
                continue;
            }

            var (start, end) = run.SourceSpan(reference.Index, reference.Index + reference.Length);
            _edits.Replace(start, end, replacement);
            findings.Add(rule!);
        }
    }

    private void Link(LinkInline link, bool inLinkText)
    {
        var start = link.Span.Start;
        var end = link.Span.End + 1;
        if (link.IsAutoLink)
        {
            Bare(start, end, link.Url ?? string.Empty, angled: false);
            return;
        }

        var verdict = rewrites.Rules.Links.Classify(link.Url ?? string.Empty);
        var ownUrl = link.UrlSpan.Start >= start && link.UrlSpan.End < end && link.UrlSpan.Length > 0;
        switch (verdict.Kind)
        {
            case LinkKind.Public:
                break;
            case LinkKind.SourceIssue when rewrites.Rules.MovedIssues.TryGetValue(verdict.IssueNumber, out var moved):
                if (ownUrl)
                {
                    _edits.Replace(link.UrlSpan.Start, link.UrlSpan.End + 1, moved);
                }

                findings.Add("source-issue");
                break;
            case LinkKind.SourceUpload when rewrites.Rules.UploadToken(verdict.Upload!) is { } token:
                if (ownUrl)
                {
                    _edits.Replace(link.UrlSpan.Start, link.UrlSpan.End + 1, token);
                }

                return; // an image's alt text is an attribute: nothing in it renders as text
            case LinkKind.SourceUpload:
                _edits.Replace(start, end, PublicRewrites.AttachmentNotCopied(verdict.Upload!.FileName, TextContext.Markdown));
                findings.Add(verdict.Rule);
                return;
            default:
                Remove(link, verdict);
                return;
        }

        if (!link.IsImage)
        {
            Inlines(link, inLinkText: true);
        }
    }

    /// <summary>A link that may not lead where it leads: an image goes, a link keeps its text and says what was removed.</summary>
    private void Remove(LinkInline link, LinkVerdict verdict)
    {
        var start = link.Span.Start;
        var end = link.Span.End + 1;
        var note = verdict.Kind == LinkKind.SourceIssue ? PublicRewrites.Unmoved(verdict.IssueNumber) : "internal link removed";
        findings.Add(verdict.Rule);
        if (link.IsImage)
        {
            _edits.Replace(start, end, PublicRewrites.ImageRemoved(TextContext.Markdown));
            return;
        }

        var textStart = start + 1;
        var textEnd = link.LastChild is { } last ? last.Span.End + 1 : textStart;
        if (link.FirstChild is { } first && first.Span.Start >= textStart && textEnd < end && Text[textEnd] == ']')
        {
            _edits.Delete(start, first.Span.Start);
            _edits.Replace(textEnd, end, $" ({note})");
            Inlines(link, inLinkText: false);
            return;
        }

        _edits.Replace(start, end, verdict.Kind == LinkKind.SourceIssue ? note : PublicRewrites.LinkRemoved(TextContext.Markdown));
    }

    /// <summary>An autolink (<c>&lt;https://...&gt;</c>) or a bare URL the autolink extension found.</summary>
    private void Bare(int start, int end, string url, bool angled)
    {
        var verdict = rewrites.Rules.Links.Classify(url);
        if (verdict.Kind == LinkKind.Public)
        {
            return;
        }

        var replacement = rewrites.ForBareLink(verdict, TextContext.Markdown);
        _edits.Replace(start, end, angled && verdict.Kind == LinkKind.SourceIssue && replacement.StartsWith("http", StringComparison.Ordinal) ? $"<{replacement}>" : replacement);
        findings.Add(verdict.Rule);
    }

    private void Definition(LinkReferenceDefinition definition)
    {
        var verdict = rewrites.Rules.Links.Classify(definition.Url ?? string.Empty);
        var url = definition.UrlSpan;
        switch (verdict.Kind)
        {
            case LinkKind.Public:
                return;
            case LinkKind.SourceIssue when rewrites.Rules.MovedIssues.TryGetValue(verdict.IssueNumber, out var moved) && url.Length > 0:
                _edits.Replace(url.Start, url.End + 1, moved);
                return;
            case LinkKind.SourceUpload when url.Length > 0 && rewrites.Rules.UploadToken(verdict.Upload!) is { } token:
                _edits.Replace(url.Start, url.End + 1, token);
                return;
            default:
                // Every use of the label was rewritten where it stands; the definition itself must not keep the URL.
                _edits.Delete(definition.Span.Start, Math.Min(definition.Span.End + 1, Text.Length));
                return;
        }
    }

    /// <summary>+1 for an inline <c>&lt;code&gt;</c> or <c>&lt;pre&gt;</c> start tag, -1 for its end tag, null for any other.</summary>
    private static int? VerbatimTag(string tag)
    {
        var match = VerbatimTagPattern().Match(tag);
        return match.Success ? (match.Groups[1].Length == 0 ? 1 : -1) : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^<(/?)(code|pre)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex VerbatimTagPattern();

    private void Html(int start, int end, bool isBlock) => new HtmlRewriter(Text, _edits, rewrites, findings).Rewrite(start, end, isBlock);
}
