using System.Globalization;
using System.Text.RegularExpressions;
using Sync.Core.Trackers;

namespace Sync.Core.Moving.Planning;

/// <summary>
/// Replaces GitLab upload links. A GitLab target gets a token per distinct file (the executor re-uploads and
/// swaps it for the new link); GitHub has no upload API, so the link becomes a visible placeholder and the
/// secret upload path never reaches the public text. One instance serves one plan, so tokens are numbered
/// across the body and all comments.
/// </summary>
public sealed class UploadRewriter
{
    private readonly SourceLinks _links;
    private readonly TrackerKind _target;
    private readonly Regex _markdownLink;
    private readonly List<PlannedUpload> _uploads = [];

    public UploadRewriter(SourceLinks links, TrackerKind target)
    {
        _links = links;
        _target = target;
        _markdownLink = new Regex(
            $@"(?<bang>!?)\[(?<alt>[^\]\n]*)\]\(<?(?<url>{links.UploadUrl})>?(?:\s+""[^""\n]*"")?\)",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(2));
    }

    public IReadOnlyList<PlannedUpload> Uploads => _uploads;

    public static string Placeholder(string fileName) => $"*[attachment not copied: {fileName}]*";

    // Links in code are replaced too: the upload secret must not leak just because someone quoted the link.
    public string Rewrite(string text)
    {
        text = _markdownLink.Replace(text, m => _target == TrackerKind.GitLab
            ? $"{m.Groups["bang"].Value}[{m.Groups["alt"].Value}]({Token(m)})"
            : Placeholder(FileName(m)));
        return _links.UploadUrl.Replace(text, m => _target == TrackerKind.GitLab ? Token(m) : Placeholder(FileName(m)));
    }

    private static string FileName(Match upload) => Uri.UnescapeDataString(upload.Groups["file"].Value);

    private string Token(Match upload)
    {
        var sourceUrl = $"/uploads/{upload.Groups["secret"].Value}/{upload.Groups["file"].Value}";
        var existing = _uploads.Find(u => string.Equals(u.SourceUrl, sourceUrl, StringComparison.Ordinal));
        if (existing is not null)
        {
            return existing.Token;
        }

        var token = string.Create(CultureInfo.InvariantCulture, $"issuesync-upload-{_uploads.Count + 1}");
        _uploads.Add(new PlannedUpload(sourceUrl, FileName(upload), token));
        return token;
    }
}
