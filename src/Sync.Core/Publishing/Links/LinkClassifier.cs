using System.Globalization;
using System.Text.RegularExpressions;
using Sync.Core.Trackers;

namespace Sync.Core.Publishing.Links;

public enum LinkKind
{
    /// <summary>Leads somewhere public (or is an anchor of the same page): kept as written.</summary>
    Public,

    /// <summary>An issue of the source project: its public copy, or plain text when it did not move.</summary>
    SourceIssue,

    /// <summary>A file uploaded to the source project: re-uploaded (GitLab target) or a placeholder.</summary>
    SourceUpload,

    /// <summary>Anything else private: removed, its text kept.</summary>
    Private,
}

/// <param name="Rule">Why, for the audit log (<c>private-url</c>, <c>internal-host</c>, <c>relative-link</c>, ...).</param>
public sealed record LinkVerdict(LinkKind Kind, string Rule, long IssueNumber = 0, UploadLink? Upload = null)
{
    public static readonly LinkVerdict Public = new(LinkKind.Public, "public");
}

/// <summary>
/// Decides where a link (a Markdown link or image, an autolink, an HTML attribute) leads, relative to a
/// <see cref="PrivateScope"/>. Relative links are private: they resolve against the private project, and on the public
/// tracker they would silently point somewhere else.
/// </summary>
public sealed partial class LinkClassifier(PrivateScope scope)
{
    private static readonly string[] UnsafeSchemes = ["javascript", "vbscript", "data", "file", "blob"];

    public PrivateScope Scope => scope;

    public LinkVerdict Classify(string url)
    {
        var trimmed = url.Trim();
        if (trimmed.Length == 0 || trimmed[0] == '#')
        {
            return LinkVerdict.Public;
        }

        if (trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            trimmed = "https:" + trimmed;
        }

        if (SchemePrefix().Match(trimmed) is not { Success: true } scheme)
        {
            return Relative(trimmed);
        }

        var name = scheme.Groups[1].Value.ToLowerInvariant();
        if (UnsafeSchemes.Contains(name))
        {
            return new LinkVerdict(LinkKind.Private, "unsafe-link");
        }

        if (name == "mailto")
        {
            var at = trimmed.LastIndexOf('@');
            var domain = at < 0 ? string.Empty : trimmed[(at + 1)..].Split('?', '&', '>')[0];
            return domain.Length > 0 && scope.IsInternalHost(domain) ? new LinkVerdict(LinkKind.Private, "internal-host") : LinkVerdict.Public;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            // A scheme we cannot read a host from is not followed anywhere useful; an unreadable http URL is suspicious.
            return name is "http" or "https" ? new LinkVerdict(LinkKind.Private, "unreadable-link") : LinkVerdict.Public;
        }

        return Absolute(uri);
    }

    private LinkVerdict Absolute(Uri uri)
    {
        if (scope.SourceProject is { } project && PrivateScope.IsUnderProject(uri, project))
        {
            // Project paths are plain ASCII (GitLab and GitHub allow no escapes in them), so the raw path lines up.
            var rest = uri.AbsolutePath.Length >= project.AbsolutePath.Length - 1 ? uri.AbsolutePath[(project.AbsolutePath.Length - 1)..] : string.Empty;
            return InSource(rest, uri.Query.Length > 0, uri.Fragment);
        }

        // GitLab's other upload form, /-/project/<id>/uploads/..., is a file of a project of the source instance.
        if (scope.SourceWebRoot is { } root && PrivateScope.IsUnder(uri, new Uri(root, "-/project/")))
        {
            var path = "/" + uri.AbsolutePath[root.AbsolutePath.Length..];
            return uri.Query.Length == 0 && uri.Fragment.Length == 0 && Relative(path) is { Kind: LinkKind.SourceUpload } upload
                ? upload
                : new LinkVerdict(LinkKind.Private, "private-url");
        }

        if (scope.IsInternalHost(uri.IdnHost))
        {
            return new LinkVerdict(LinkKind.Private, "internal-host");
        }

        return scope.IsPrivateUrl(uri) ? new LinkVerdict(LinkKind.Private, "private-namespace") : LinkVerdict.Public;
    }

    /// <summary>A path inside the source project (after its own path): its issues, its uploads, or private.</summary>
    private LinkVerdict InSource(string rest, bool hasQuery, string fragment)
    {
        if (SourceIssuePath().Match(rest) is { Success: true } issue && !hasQuery)
        {
            return new LinkVerdict(LinkKind.SourceIssue, "source-issue", long.Parse(issue.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        if (!hasQuery && fragment.Length == 0 && UploadLink.TryParse(rest, out var upload))
        {
            return new LinkVerdict(LinkKind.SourceUpload, "source-upload", Upload: upload);
        }

        return scope.LinkToSource ? LinkVerdict.Public : new LinkVerdict(LinkKind.Private, "private-url");
    }

    private LinkVerdict Relative(string url)
    {
        // GitLab writes uploads as project-relative "/uploads/<secret>/<name>"; nothing else relative is kept.
        var path = ProjectUploadPrefix().Replace(url, string.Empty);
        if (path.StartsWith("/uploads/", StringComparison.Ordinal) && UploadLink.TryParse(path, out var upload))
        {
            return new LinkVerdict(LinkKind.SourceUpload, "source-upload", Upload: upload);
        }

        return new LinkVerdict(LinkKind.Private, "relative-link");
    }

    [GeneratedRegex(@"^([a-zA-Z][a-zA-Z0-9+.\-]*):", RegexOptions.CultureInvariant)]
    private static partial Regex SchemePrefix();

    [GeneratedRegex(@"^/(?:-/)?(?:issues|work_items)/(\d+)/?$", RegexOptions.CultureInvariant)]
    private static partial Regex SourceIssuePath();

    [GeneratedRegex(@"^/-/project/\d+(?=/uploads/)", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectUploadPrefix();
}
