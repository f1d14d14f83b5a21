using Sync.Core.Trackers;
using static Sync.Core.Tests.Publishing.Corpus.AdversarialCorpusTests;

namespace Sync.Core.Tests.Publishing.Corpus;

/// <summary>Upload links: only <c>/uploads/&lt;32 hex&gt;/&lt;one clean name&gt;</c> is a file to copy; every other shape is a private link.</summary>
internal static class UploadCases
{
    private const string C = "uploads";
    private const string S = Secret32;
    private const TrackerKind GitHub = TrackerKind.GitHub;

    public static IEnumerable<CorpusCase> All =>
    [
        new(C, "image re-uploaded to a GitLab target", $"![shot](/uploads/{S}/screen.png)", "![shot]({u1})"),
        new(C, "image on a GitHub target becomes a placeholder", $"![shot](/uploads/{S}/screen.png)", "*\\[attachment not copied: screen.png\\]*", Target: GitHub),
        new(C, "absolute link under the source project", $"[log](http://dev.example/acme/widget-dev/uploads/{S}/x.log)", "[log]({u1})"),
        new(C, "the same file twice gets one placeholder", $"![a](/uploads/{S}/a.png) and [again](/uploads/{S}/a.png)", "![a]({u1}) and [again]({u1})"),
        new(C, "percent-encoded dot segments are not an upload", $"[x](/uploads/{S}/%2e%2e/%2e%2e/api/v4/user)", "x (internal link removed)"),
        new(C, "encoded slashes are not an upload", $"[x](/uploads/{S}/..%2f..%2fapi%2fv4%2fuser)", "x (internal link removed)"),
        new(C, "double-encoded dots are not an upload", $"[x](/uploads/{S}/%252e%252e/secrets)", "x (internal link removed)"),
        new(C, "a query glued to the file is not an upload", $"![x](/uploads/{S}/a.png?private_token=abc)", "*\\[image removed\\]*"),
        new(C, "a fragment glued to the file is not an upload", $"[x](/uploads/{S}/a.png#frag)", "x (internal link removed)"),
        new(C, "31 hex digits are not an upload", $"[x](/uploads/{S[..31]}/a.png)", "x (internal link removed)"),
        new(C, "upper-case hex is not a GitLab secret", $"[x](/uploads/{S.ToUpperInvariant()}/a.png)", "x (internal link removed)"),
        new(C, "backslash in the name is not an upload", $"[x](/uploads/{S}/..\\..\\a.png)", "x (internal link removed)"),
        new(C, "encoded name is decoded once", $"[cv](/uploads/{S}/r%C3%A9sum%C3%A9.pdf)", "[cv]({u1})"),
        new(C, "a name that is itself a secret is not re-uploaded", $"[f](/uploads/{S}/{TestSecrets.Glpat}.txt)", "f (internal link removed)"),
        new(C, "an encoded secret name is decoded, then redacted", $"[f](/uploads/{S}/%67lpat-Zq8xR2vN5mK1pL7sT4wY.txt)", "f (internal link removed)"),
        new(C, "bare upload path in prose", $"see /uploads/{S}/trace.log for details", "see [attachment not copied] for details"),
        new(C, "upload path quoted in a code block", $"```\ncurl http://dev.example/acme/widget-dev/uploads/{S}/a.png\n```", "```\ncurl [private link removed]\n```"),
        new(C, "relative upload path in inline code", $"run `wget /uploads/{S}/a.png`", "run `wget [attachment not copied]`"),
        new(C, "HTML image in its own block on a GitLab target", $"<img src=\"/uploads/{S}/a.png\" width=\"200\">", "<img src=\"{u1}\" width=\"200\">"),
        new(C, "HTML image in its own block on a GitHub target", $"<img src=\"/uploads/{S}/a.png\" width=\"200\">", "[attachment not copied: a.png]", Target: GitHub),
        new(C, "inline HTML image on a GitHub target", $"see <img src=\"/uploads/{S}/a.png\"> here", "see *\\[attachment not copied: a.png\\]* here", Target: GitHub),
        new(C, "GitLab's /-/project/<id> upload form", $"![x](/-/project/42/uploads/{S}/a.png)", "![x]({u1})"),
        new(C, "reference-style upload on a GitLab target", $"![x][shot]\n\n[shot]: /uploads/{S}/a.png", "![x][shot]\n\n[shot]: {u1}"),
        new(C, "upload link with text glued after it", $"![x](/uploads/{S}/a.png)glpat-Zq8xR2vN5mK1pL7sT4wYabc", "![x]({u1})[REDACTED]"),
        new(C, "upload links in a comment", $"logs: [one](/uploads/{S}/one.log), [two](/uploads/{S}/two.log)", "logs: [one]({u1}), [two]({u2})", Field: CorpusField.Comment),
        new(C, "upload link in a title", $"Crash, see /uploads/{S}/a.png", "Crash, see [attachment not copied: a.png]", Field: CorpusField.Title),
    ];
}
