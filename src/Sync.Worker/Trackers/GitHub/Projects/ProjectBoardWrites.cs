using Sync.Core.Roadmap;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub.Projects;

/// <summary>One issue whose field must change; <see cref="ItemId"/> is null when the issue is not on the board yet.</summary>
internal sealed record BoardChange(long Issue, FieldOption Option, string? ItemId);

/// <summary>Decides the writes a sync needs (pure: no I/O) and words them for the caller's report.</summary>
internal static class ProjectBoardWrites
{
    /// <summary>
    /// Status of <see cref="TrackerValidationException"/> when the board lacks what the configuration names: 422, what
    /// GitHub answers for a request it cannot process (GraphQL itself would only say 200 with errors).
    /// </summary>
    public const int ConfigurationStatus = 422;

    public static string ProjectName(ProjectBoardTarget target) => $"{target.Owner}/{target.Number}";

    /// <summary>
    /// The changes, by ascending issue number. Every wanted option is looked up before anything is written, so a
    /// misnamed option fails the whole sync up front instead of half-way through.
    /// </summary>
    public static IReadOnlyList<BoardChange> Plan(
        string trackerName,
        ProjectBoardTarget target,
        ProjectBoard board,
        IReadOnlyDictionary<long, string> optionByIssue)
    {
        var changes = new List<BoardChange>();
        foreach (var (issue, optionName) in optionByIssue.OrderBy(p => p.Key))
        {
            var option = board.Field.Find(optionName) ?? throw new TrackerValidationException(
                trackerName,
                ConfigurationStatus,
                $"field '{board.Field.Name}' of project {ProjectName(target)} has no option '{optionName}' (options: {string.Join(", ", board.Field.Options.Select(o => o.Name))})");
            if (!board.Items.TryGetValue(issue, out var item))
            {
                changes.Add(new BoardChange(issue, option, ItemId: null));
            }
            else if (!string.Equals(item.OptionId, option.Id, StringComparison.Ordinal))
            {
                changes.Add(new BoardChange(issue, option, item.ItemId));
            }
        }

        return changes;
    }

    public static string DescribeAdd(string trackerName, ProjectBoardTarget target, long issue) =>
        $"add {new IssueRef(new ProjectRef(trackerName, target.Repository), issue)} to project {ProjectName(target)}";

    public static string DescribeSet(SingleSelectField field, BoardChange change) =>
        $"set {field.Name} of #{change.Issue} to {change.Option.Name}";
}
