using System.Globalization;
using System.Text.RegularExpressions;
using Sync.Core.Publishing;
using Sync.Core.Publishing.Links;
using Sync.Core.Publishing.Text;
using Sync.Core.Trackers;

namespace Sync.Core.Moving.Planning;

/// <summary>
/// Turns a source issue into everything a move writes. Every text goes through <see cref="PublicText"/> (structural
/// rewrites of links, references, mentions, uploads, hidden comments and command lines, then redaction), then
/// attribution and hidden markers are added. Pure and deterministic: same input, equal plan.
/// </summary>
public sealed partial class MovePlanner : IMovePlanner
{
    public const string UntitledIssue = "Untitled issue";
    public const string SourceNoticeText = "Moved to {target}";

    public MovePlan Plan(MovePlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = input.Source;
        var rules = input.Rules;
        var markerKey = MoveMarkers.KeyOf(source);
        var scope = ScopeOf(input);
        var redactor = new TextRedactor(SecretScans.For(input.Redaction), scope);
        var uploads = new UploadTokens(input.TargetKind, redactor);
        var rewrites = new PublicRewrites(new PublicRewriteRules(new LinkClassifier(scope), input.SourceSite.Kind, input.MovedIssues, rules.UserMap, uploads.TokenFor));
        var text = new PublicText(rewrites, redactor);
        var redactions = new List<Redaction>();

        string Apply(Func<string, Findings, string> transform, string value, string where)
        {
            var findings = new Findings();
            var result = transform(value, findings);
            redactions.AddRange(findings.Counts.Select(c => new Redaction(where, c.Rule, c.Count)));
            return result;
        }

        var title = Whitespace().Replace(Apply(text.Plain, source.Title, "title"), " ").Trim();
        var header = Attribution.IssueHeader(
            Display(rules, source.Author.Username, n => Apply(text.Plain, n, "author")),
            source.CreatedAt,
            rules.LinkToSource ? Attribution.SourceLink(source, new Uri(input.SourceSite.WebRoot, source.Ref.Project.Path).AbsoluteUri)
                : string.IsNullOrWhiteSpace(rules.SourceName) ? rules.Origin : $"**{rules.SourceName.Trim()}**");
        var limits = BodyLimits.For(input.TargetKind);
        var bodyText = Blocks(Apply(text.Markdown, source.Body, "body"));
        var bodyParts = Continuations.Compose(
            header, bodyText, MoveMarkers.Issue(markerKey), (part, count) => MoveMarkers.Continued(markerKey, MoveMarkers.OfBody, part, count),
            limits.IssueBody, limits.Comment, uploads.Growth(bodyText));
        var body = bodyParts[0];

        // The description's continuations come first, so the copy reads in order.
        var comments = new List<PlannedComment>(bodyParts.Skip(1).Select((part, i) => new PlannedComment(0, part) { Part = new ContinuedPart(MoveMarkers.OfBody, i + 2) }));
        foreach (var comment in input.Comments
                     .Where(c => !c.System && !c.Internal)
                     .OrderBy(c => c.CreatedAt)
                     .ThenBy(c => c.Id))
        {
            var copied = Blocks(Apply(text.Markdown, comment.Body, $"comment {comment.Id}"));
            if (copied.Length == 0)
            {
                continue;
            }

            var commentHeader = Attribution.CommentHeader(Display(rules, comment.Author.Username, n => Apply(text.Plain, n, $"comment {comment.Id} author")), comment.CreatedAt);
            var of = comment.Id.ToString(CultureInfo.InvariantCulture);
            var parts = Continuations.Compose(
                commentHeader, copied, MoveMarkers.Comment(markerKey, comment.Id), (part, count) => MoveMarkers.Continued(markerKey, of, part, count),
                limits.Comment, limits.Comment, uploads.Growth(copied));
            comments.Add(new PlannedComment(comment.Id, parts[0]));
            comments.AddRange(parts.Skip(1).Select((part, i) => new PlannedComment(comment.Id, part) { Part = new ContinuedPart(of, i + 2) }));
        }

        return new MovePlan(
            source.Ref.ToString(),
            input.Target,
            title.Length == 0 ? UntitledIssue : title,
            body,
            PublicLabels(LabelPlanner.Plan(source.Labels, rules, input.SourceLabels), text, redactions),
            PublicMilestone(source.Milestone, source.MilestoneDueDate, redactor, redactions),
            comments,
            $"{SourceNoticeText}\n\n{MoveMarkers.SourceNotice(markerKey)}",
            uploads.Planned,
            redactions)
        {
            MarkerKey = markerKey,
            Confidential = source.Confidential && rules.IncludeConfidential,
        };
    }

    /// <summary>Where the private places are for this source and target.</summary>
    public static PrivateScope ScopeOf(MovePlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return PrivateScope.For(
            input.SourceSite.WebRoot,
            input.Source.Ref.Project.Path,
            input.TargetSite.WebRoot,
            input.Target.Path,
            input.Redaction.InternalHosts,
            input.Redaction.PublicPaths,
            input.Redaction.SourceInstanceInternal,
            input.Rules.LinkToSource);
    }

    /// <summary>
    /// Blank lines around the text go; a first line's indentation stays, since it can be what makes the line code (or
    /// keeps it from being read as a command).
    /// </summary>
    private static string Blocks(string markdown)
    {
        var lines = markdown.TrimEnd().Split('\n');
        var first = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        return first < 0 ? string.Empty : string.Join('\n', lines[first..]);
    }

    /// <summary>
    /// The author as the header shows them: the mapped account, else the username. A tracker's username is plain; a
    /// forum's or a CSV file's author may be any text, so anything else is redacted like a title and left as letters,
    /// digits, spaces and <c>.'-</c> (no Markdown, mention, link or HTML can ride in on a name).
    /// </summary>
    private static string Display(MoveRules rules, string username, Func<string, string> redact)
    {
        if (rules.UserMap.TryGetValue(username, out var mapped) && !string.IsNullOrWhiteSpace(mapped))
        {
            return mapped.Trim().TrimStart('@');
        }

        var redacted = redact(username);
        if (PlainName().IsMatch(username) && string.Equals(redacted, username, StringComparison.Ordinal))
        {
            return username;
        }

        var safe = Whitespace().Replace(NameNoise().Replace(redacted, " "), " ").Trim();
        safe = safe.Length > 64 ? safe[..64].TrimEnd() : safe;
        return safe.Any(char.IsLetterOrDigit) ? safe : "someone";
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainName();

    [GeneratedRegex(@"[^\p{L}\p{M}\p{Nd} .'\-]", RegexOptions.CultureInvariant)]
    private static partial Regex NameNoise();

    // A label or milestone name that trips a rule is left off entirely: "[REDACTED]" is no useful label.
    private static List<TrackerLabel> PublicLabels(IReadOnlyList<TrackerLabel> labels, PublicText text, List<Redaction> redactions)
    {
        var result = new List<TrackerLabel>();
        foreach (var label in labels)
        {
            var broken = text.Redactor.Find(label.Name);
            if (broken.Count > 0 || Mentions.HasLive(label.Name))
            {
                redactions.AddRange(broken.Select(rule => new Redaction("labels", rule, 1)));
                continue;
            }

            var findings = new Findings();
            var description = label.Description is null ? null : text.Plain(label.Description, findings);
            redactions.AddRange(findings.Counts.Select(c => new Redaction("labels", c.Rule, c.Count)));
            result.Add(label with { Description = description });
        }

        return result;
    }

    private static PlannedMilestone? PublicMilestone(string? title, DateOnly? dueDate, TextRedactor redactor, List<Redaction> redactions)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var broken = redactor.Find(title.Trim());
        redactions.AddRange(broken.Select(rule => new Redaction("milestone", rule, 1)));
        return broken.Count > 0 || Mentions.HasLive(title) ? null : new PlannedMilestone(title.Trim(), dueDate, null);
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    /// <summary>
    /// One token per distinct upload of a plan, numbered across the body and all comments. A token is delimited by two
    /// private-use characters (taken out of copied text), so "-1" never matches inside "-10" and no text can forge one.
    /// </summary>
    private sealed class UploadTokens(TrackerKind target, TextRedactor redactor)
    {
        private readonly List<PlannedUpload> _planned = [];

        public IReadOnlyList<PlannedUpload> Planned => _planned;

        /// <summary>
        /// How much longer <paramref name="text"/> can get when the executor puts in the new links (GitLab answers
        /// <c>/uploads/&lt;32 hex&gt;/&lt;name&gt;</c>, the name perhaps escaped) or placeholders for its tokens.
        /// </summary>
        public int Growth(string text) => _planned.Sum(u =>
        {
            var occurrences = text.Split(u.Token).Length - 1;
            return occurrences * Math.Max(0, Math.Max(64 + (3 * u.FileName.Length), u.Placeholder.Length) - u.Token.Length);
        });

        /// <summary>Null when the file is not copied: a GitHub target (no upload API), or a file name that is itself sensitive.</summary>
        public string? TokenFor(UploadLink upload)
        {
            if (!TrackerTraits.For(target).TakesUploads || redactor.Find(upload.FileName).Count > 0)
            {
                return null;
            }

            var existing = _planned.Find(u => string.Equals(u.SourceUrl, upload.Path, StringComparison.Ordinal));
            if (existing is not null)
            {
                return existing.Token;
            }

            var token = $"\uE000issuesync-upload-{_planned.Count + 1}\uE001";
            _planned.Add(new PlannedUpload(upload.Path, upload.FileName, token));
            return token;
        }
    }
}
