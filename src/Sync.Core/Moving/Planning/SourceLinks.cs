using System.Text.RegularExpressions;

namespace Sync.Core.Moving.Planning;

/// <summary>
/// Recognises links into the source project. Issue links and upload links are rewritten by later steps, so the
/// redactor must let exactly these through; everything else under the source URL is private.
/// </summary>
public sealed class SourceLinks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public SourceLinks(string sourceWebUrl)
    {
        // Scheme-agnostic: the same project is often linked with http and https.
        var trimmed = sourceWebUrl.Trim().TrimEnd('/');
        var schemeEnd = trimmed.IndexOf("://", StringComparison.Ordinal);
        var withoutScheme = schemeEnd >= 0 ? trimmed[(schemeEnd + 3)..] : trimmed;
        Base = $@"(?i:https?://{Regex.Escape(withoutScheme)})";

        IssueUrl = new Regex(
            $@"{Base}(?:/-)?/issues/(?<num>\d+)(?:#[\w-]*)?(?![\w/])",
            RegexOptions.CultureInvariant,
            Timeout);
        UploadUrl = new Regex(
            $@"(?:{Base}|(?<![\w/.]))/uploads/(?<secret>[0-9a-fA-F]{{32}})/(?<file>[^\s)\]""'<>]+)",
            RegexOptions.CultureInvariant,
            Timeout);
        AnyUrl = new Regex(
            $@"{Base}(?![\w.-])[^\s)<>\]""'`]*",
            RegexOptions.CultureInvariant,
            Timeout);
    }

    /// <summary>Regex fragment matching the project URL with either scheme.</summary>
    public string Base { get; }

    /// <summary>An issue of the source project, group <c>num</c>; a note fragment is part of the match.</summary>
    public Regex IssueUrl { get; }

    /// <summary>A GitLab upload, relative or under the project URL; groups <c>secret</c> and <c>file</c>.</summary>
    public Regex UploadUrl { get; }

    /// <summary>Any URL inside the source project.</summary>
    public Regex AnyUrl { get; }
}
