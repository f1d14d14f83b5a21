using System.Globalization;
using Sync.Core.Publishing.Links;
using Sync.Core.Trackers;

namespace Sync.Core.Publishing.Text;

/// <summary>How a rewrite is written: Markdown prose, the text of raw HTML, or plain text (titles, label descriptions).</summary>
public enum TextContext
{
    Markdown,
    Html,
    Plain,
}

/// <summary>What a move knows that decides how links, references, mentions and uploads of one source are rewritten.</summary>
/// <param name="MovedIssues">Source issue number → public URL of its copy, for issues of the source that moved.</param>
/// <param name="UserMap">Source username → public username; everyone else is never pinged.</param>
/// <param name="UploadToken">The placeholder the executor swaps for a re-uploaded file's new link; null: the target cannot take uploads.</param>
public sealed record PublicRewriteRules(
    LinkClassifier Links,
    TrackerKind Source,
    IReadOnlyDictionary<long, string> MovedIssues,
    IReadOnlyDictionary<string, string> UserMap,
    Func<UploadLink, string?> UploadToken);

/// <summary>
/// The replacement texts of every rewrite, in one place so Markdown, HTML and plain text say the same thing. Placeholders
/// in Markdown escape their brackets, so they can never pair with a following <c>(...)</c> into a live link.
/// </summary>
public sealed class PublicRewrites(PublicRewriteRules rules)
{
    public PublicRewriteRules Rules => rules;

    public static string Unmoved(long number) => string.Create(CultureInfo.InvariantCulture, $"dev issue {number}");

    public static string UnmovedMergeRequest(long number) => string.Create(CultureInfo.InvariantCulture, $"dev merge request {number}");

    public static string Bracketed(string text, TextContext context) => context == TextContext.Markdown ? $"\\[{text}\\]" : $"[{text}]";

    public static string LinkRemoved(TextContext context) => Bracketed("internal link removed", context);

    public static string ImageRemoved(TextContext context) => context == TextContext.Markdown ? "*\\[image removed\\]*" : "[image removed]";

    public static string AttachmentNotCopied(string fileName, TextContext context) =>
        context == TextContext.Markdown ? $"*\\[attachment not copied: {fileName}\\]*" : $"[attachment not copied: {fileName}]";

    /// <summary>The public form of an @mention: the mapped account, else text that pings nobody.</summary>
    /// <param name="codeFence">Backticks that make a code span in this text (a run length used nowhere else in it).</param>
    public string Mention(string name, TextContext context, string codeFence)
    {
        if (MappedUser(name) is { } mapped)
        {
            return "@" + mapped;
        }

        return context switch
        {
            TextContext.Markdown when codeFence.Length == 1 => $"`@{name}`",
            TextContext.Markdown or TextContext.Html => $"<code>@{name}</code>",
            _ => name, // titles render no code: the name without its '@' pings nobody
        };
    }

    /// <summary>Whether <paramref name="name"/> is mapped to a public account (mentioning it is intended).</summary>
    public bool IsMapped(string name) => MappedUser(name) is not null;

    /// <summary>Mapped public accounts, which may be pinged on purpose.</summary>
    public IEnumerable<string> MappedUsers => rules.UserMap.Values.Select(Clean).Where(v => v.Length > 0);

    /// <summary>The public text for a short reference, or null to keep it as written.</summary>
    public string? Reference(References.Reference reference, TextContext context, out string? rule)
    {
        rule = null;
        var scope = rules.Links.Scope;
        var own = reference.Project is null || string.Equals(reference.Project, scope.SourcePath, StringComparison.OrdinalIgnoreCase);
        if (own)
        {
            rule = "source-reference";
            if (reference.Kind == References.Sigil.MergeRequest)
            {
                return UnmovedMergeRequest(reference.Number);
            }

            return context != TextContext.Plain && rules.MovedIssues.TryGetValue(reference.Number, out var url)
                ? context == TextContext.Markdown ? $"[#{reference.Number}]({url})" : url
                : Unmoved(reference.Number);
        }

        if (scope.IsPrivateProject(reference.Project!))
        {
            rule = "private-reference";
            return reference.Kind == References.Sigil.MergeRequest ? "a private merge request" : "a private issue";
        }

        // A public project of another instance: spelled out, since the target would resolve "group/project#4" itself.
        if (scope.SourceWebRoot is { } root && scope.TargetProject is { } target && !string.Equals(root.IdnHost, target.IdnHost, StringComparison.OrdinalIgnoreCase))
        {
            var traits = TrackerTraits.For(rules.Source);
            var path = reference.Kind == References.Sigil.MergeRequest ? traits.MergeRequestWebPath : traits.IssueWebPath;
            var link = string.Create(CultureInfo.InvariantCulture, $"{root.AbsoluteUri}{reference.Project}/{path}/{reference.Number}");
            var text = string.Create(CultureInfo.InvariantCulture, $"{reference.Project}{(reference.Kind == References.Sigil.MergeRequest ? "!" : "#")}{reference.Number}");
            rule = "external-reference";
            return context == TextContext.Markdown ? $"[{text}]({link})" : link;
        }

        return null;
    }

    /// <summary>The public text for a link that does not stay as it is (plain placeholder forms for autolinks and bare URLs).</summary>
    public string ForBareLink(LinkVerdict verdict, TextContext context) => verdict.Kind switch
    {
        LinkKind.SourceIssue when rules.MovedIssues.TryGetValue(verdict.IssueNumber, out var url) => url,
        LinkKind.SourceIssue => Unmoved(verdict.IssueNumber),
        LinkKind.SourceUpload when context != TextContext.Plain && rules.UploadToken(verdict.Upload!) is { } token =>
            context == TextContext.Markdown ? $"[{verdict.Upload!.FileName}]({token})" : token,
        LinkKind.SourceUpload => AttachmentNotCopied(verdict.Upload!.FileName, context),
        _ => LinkRemoved(context),
    };

    private string? MappedUser(string name)
    {
        var mapped = rules.UserMap.TryGetValue(name, out var exact)
            ? exact
            : rules.UserMap.Where(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value).FirstOrDefault();
        var clean = mapped is null ? string.Empty : Clean(mapped);
        return clean.Length == 0 ? null : clean;
    }

    private static string Clean(string user) => user.Trim().TrimStart('@');
}
