using System.Globalization;
using Sync.Core.Pipeline;
using Sync.Core.Roadmap;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Releases;

/// <summary>What one milestone's draft came to: its issue title and body, and <c>created</c>, <c>updated</c> or <c>unchanged</c>.</summary>
public sealed record ReleaseNotesWrite(long MilestoneId, string Milestone, string Title, string Body, string Outcome, long? Number);

/// <summary>The writes of one releases pass (or, in a dry run, the writes it would make) and their counts.</summary>
internal sealed class ReleaseNotesRun(ITrackerClient client, ProjectRef project, PipelineContext context, IAuditLog audit, TimeProvider time)
{
    private readonly StepWriter _writer = new(context, audit, time, client, project);

    public List<string> Lines { get; } = [];

    public List<string> Failures { get; } = [];

    public List<ReleaseNotesWrite> Writes { get; } = [];

    /// <summary>
    /// Creates the milestone's notes issue when there is none (or a human deleted it), else edits its body when it differs
    /// from <paramref name="body"/> (right-trimmed: GitLab trims descriptions); nothing when equal.
    /// </summary>
    public async Task<ReleaseNotesState> WriteAsync(ReleaseNotesState state, string milestone, string title, string body, string? listedBody, CancellationToken cancellationToken)
    {
        var current = listedBody ?? state.Body;
        var now = time.GetUtcNow();
        if (state.Number is { } number && string.Equals(current?.TrimEnd(), body.TrimEnd(), StringComparison.Ordinal))
        {
            Record(state.MilestoneId, milestone, title, body, "unchanged", number);
            return state with { Body = body };
        }

        var diff = RoadmapText.Diff(state.Number is null ? null : current, body);
        if (state.Number is { } existing)
        {
            try
            {
                await _writer.WriteAsync(
                    AuditActions.Edit, new IssueRef(project, existing).ToString(), string.Join('\n', diff), $"release notes {milestone} ({diff.Count} changed lines)",
                    () => client.EditIssueAsync(project.Path, existing, new IssueEdit(Body: body), cancellationToken), cancellationToken);
                Record(state.MilestoneId, milestone, title, body, "updated", existing);
                return state with { Body = body, FirstWrittenAt = state.FirstWrittenAt ?? now };
            }
            catch (TrackerNotFoundException)
            {
                // Deleted by a human: a new one is created below.
            }
        }

        var since = now - TimeSpan.FromMinutes(10);
        var created = await _writer.WriteAsync(
            AuditActions.Create, $"{project}#new", $"{title}\n{string.Join('\n', diff)}", $"release notes {milestone}: {title}",
            async () => (await WriteOnce.RunAsync(
                () => client.CreateIssueAsync(project.Path, new NewIssue(title, body), cancellationToken),
                () => client.ListIssuesAsync(project.Path, new IssueQuery(IssueStateFilter.All, null, since), cancellationToken)
                    .FirstOrDefaultAsync(i => ReleaseNotesText.MilestoneOf(i.Body, context.Product.Key) == state.MilestoneId, cancellationToken).AsTask())).Result,
            cancellationToken);
        Record(state.MilestoneId, milestone, title, body, "created", created?.Ref.Number);
        return state with { Number = created?.Ref.Number, WebUrl = created?.WebUrl, Body = body, FirstWrittenAt = context.DryRun ? state.FirstWrittenAt : now };
    }

    public StepResult Summary()
    {
        int Count(string outcome) => Writes.Count(w => w.Outcome == outcome);
        var metrics = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["releaseNotesDrafted"] = Writes.Count,
            ["releaseNotesCreated"] = Count("created"),
            ["releaseNotesEdited"] = Count("updated"),
            ["releaseNotesUnchanged"] = Count("unchanged"),
        };
        return new StepResult(Lines, metrics) { Failures = Failures };
    }

    private void Record(long milestoneId, string milestone, string title, string body, string outcome, long? number)
    {
        Writes.Add(new ReleaseNotesWrite(milestoneId, milestone, title, body, outcome, number));
        var issue = number is { } n ? "#" + n.ToString(CultureInfo.InvariantCulture) : "(new)";
        var dry = context.DryRun && outcome != "unchanged" ? " (dry run: nothing written)" : string.Empty;
        Lines.Add($"{project}: release notes {milestone}: {outcome} {issue}{dry}");
    }
}
