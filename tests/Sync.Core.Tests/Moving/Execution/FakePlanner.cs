using System.Text.RegularExpressions;
using Sync.Core.Moving;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving.Execution;

/// <summary>
/// Stands in for the real planner: markers in, system/internal/notice comments out, uploads tokenised,
/// the eligibility label dropped. Records every input so tests can see what the step passed.
/// </summary>
public sealed partial class FakePlanner : IMovePlanner
{
    public List<MovePlanInput> Inputs { get; } = [];

    /// <summary>Source issue number the planner refuses (as a real planner might on malformed input).</summary>
    public long? RefuseNumber { get; set; }

    public MovePlan Plan(MovePlanInput input)
    {
        Inputs.Add(input);
        if (input.Source.Ref.Number == RefuseNumber)
        {
            throw new InvalidOperationException($"cannot plan {input.Source.Ref}");
        }

        var source = input.Source.Ref.ToString();
        var uploads = new List<PlannedUpload>();
        string Tokenise(string text) => UploadLink().Replace(text, m =>
        {
            var existing = uploads.Find(u => u.SourceUrl == m.Value);
            if (existing is null)
            {
                existing = new PlannedUpload(m.Value, m.Groups[1].Value, $"ISSUESYNC-UPLOAD-{uploads.Count + 1}");
                uploads.Add(existing);
            }

            return existing.Token;
        });

        var key = MoveMarkers.KeyOf(input.Source);
        var body = $"{Tokenise(input.Source.Body)}\n\n{MoveMarkers.Issue(key)}";
        var comments = input.Comments
            .Where(c => !c.System && !c.Internal && !MoveMarkers.HasSourceNotice(c.Body, key))
            .Select(c => new PlannedComment(c.Id, $"**{c.Author.Username}** wrote:\n\n{Tokenise(c.Body)}\n\n{MoveMarkers.Comment(key, c.Id)}"))
            .ToList();
        var labels = input.Source.Labels
            .Where(l => !input.Rules.LabelsOrDefault.Contains(l, StringComparer.OrdinalIgnoreCase))
            .Select(l => new TrackerLabel(l, "#428BCA"))
            .ToList();
        var milestone = input.Source.Milestone is { } title ? new PlannedMilestone(title, null, null) : null;
        return new MovePlan(source, input.Target, input.Source.Title, body, labels, milestone, comments, $"Moved to {{target}}.\n\n{MoveMarkers.SourceNotice(key)}", uploads, [])
        {
            MarkerKey = key,
            Confidential = input.Source.Confidential && input.Rules.IncludeConfidential,
        };
    }

    [GeneratedRegex(@"/uploads/[0-9a-f]+/([^\s)]+)")]
    private static partial Regex UploadLink();
}
