using System.Text.RegularExpressions;
using Sync.Core.Trackers;

namespace Sync.Core.Moving.Planning;

/// <summary>
/// Turns a source issue into everything a move writes. Every text is redacted first, then uploads, issue
/// references and mentions are rewritten (code left alone), then attribution and hidden markers are added.
/// Pure and deterministic: same input, equal plan.
/// </summary>
public sealed partial class MovePlanner : IMovePlanner
{
    public const string UntitledIssue = "Untitled issue";
    public const string SourceNoticeText = "Moved to {target}";

    public MovePlan Plan(MovePlanInput input)
    {
        var source = input.Source;
        var rules = input.Rules;
        var sourceIssue = source.Ref.ToString();
        var markerKey = MoveMarkers.KeyOf(source);
        var sourcePath = source.Ref.Project.Path;
        var links = new SourceLinks(input.SourceWebUrl);
        var redactor = new Redactor(input.Redaction, links, sourcePath, rules.LinkToSource);
        var references = new ReferenceRewriter(links, sourcePath, input.MovedIssues);
        var uploads = new UploadRewriter(links, input.TargetKind);
        var mentions = new MentionRewriter(rules.UserMap);
        var redactions = new List<Redaction>();

        string Redact(string text, string where)
        {
            var redacted = redactor.Redact(text.ReplaceLineEndings("\n"), where);
            redactions.AddRange(redacted.Redactions);
            return redacted.Text;
        }

        string Transform(string text, string where) =>
            mentions.Rewrite(references.Rewrite(uploads.Rewrite(Redact(text, where)))).Trim();

        var title = Whitespace().Replace(mentions.Rewrite(references.RewritePlain(Redact(source.Title, "title"))), " ").Trim();

        var header = Attribution.IssueHeader(
            Display(rules, source.Author.Username),
            source.CreatedAt,
            rules.LinkToSource ? Attribution.SourceLink(source, input.SourceWebUrl)
                : string.IsNullOrWhiteSpace(rules.SourceName) ? null : $"**{rules.SourceName.Trim()}**");
        var body = Attribution.Compose(header, Transform(source.Body, "body"), MoveMarkers.Issue(markerKey));

        var comments = new List<PlannedComment>();
        foreach (var comment in input.Comments
                     .Where(c => !c.System && !c.Internal)
                     .OrderBy(c => c.CreatedAt)
                     .ThenBy(c => c.Id))
        {
            var text = Transform(comment.Body, $"comment {comment.Id}");
            if (text.Length == 0)
            {
                continue;
            }

            var commentHeader = Attribution.CommentHeader(Display(rules, comment.Author.Username), comment.CreatedAt);
            comments.Add(new PlannedComment(comment.Id, Attribution.Compose(commentHeader, text, MoveMarkers.Comment(markerKey, comment.Id))));
        }

        return new MovePlan(
            sourceIssue,
            input.Target,
            title.Length == 0 ? UntitledIssue : title,
            body,
            PublicLabels(LabelPlanner.Plan(source.Labels, rules, input.SourceLabels), redactor, redactions),
            PublicMilestone(source.Milestone, redactor, redactions),
            comments,
            $"{SourceNoticeText}\n\n{MoveMarkers.SourceNotice(markerKey)}",
            uploads.Uploads.ToList(),
            redactions)
        {
            MarkerKey = markerKey,
        };
    }

    private static string Display(MoveRules rules, string username) =>
        rules.UserMap.TryGetValue(username, out var mapped) && !string.IsNullOrWhiteSpace(mapped)
            ? mapped.Trim().TrimStart('@')
            : username;

    // A label or milestone name that trips a rule is left off entirely: "[REDACTED]" is no useful label.
    private static List<TrackerLabel> PublicLabels(IReadOnlyList<TrackerLabel> labels, Redactor redactor, List<Redaction> redactions)
    {
        var result = new List<TrackerLabel>();
        foreach (var label in labels)
        {
            var name = redactor.Redact(label.Name, "labels");
            if (name.Redactions.Count > 0)
            {
                redactions.AddRange(name.Redactions);
                continue;
            }

            var description = label.Description is null ? null : redactor.Redact(label.Description, "labels");
            redactions.AddRange(description?.Redactions ?? []);
            result.Add(label with { Description = description?.Text });
        }

        return result;
    }

    private static PlannedMilestone? PublicMilestone(string? title, Redactor redactor, List<Redaction> redactions)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var redacted = redactor.Redact(title.Trim(), "milestone");
        redactions.AddRange(redacted.Redactions);
        return redacted.Redactions.Count > 0 ? null : new PlannedMilestone(redacted.Text, null, null);
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
