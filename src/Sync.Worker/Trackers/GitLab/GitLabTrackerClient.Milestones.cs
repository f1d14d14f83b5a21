using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>/projects/:id/milestones: list (all states) and create.</summary>
internal sealed partial class GitLabTrackerClient
{
    public async IAsyncEnumerable<TrackerMilestone> ListMilestonesAsync(string projectPath, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var milestones = ListAllAsync<GitLabMilestoneDto>(ProjectSegment(projectPath) + "/milestones", string.Empty, $"milestones of {projectPath}", cancellationToken);
        await foreach (var milestone in milestones.ConfigureAwait(false))
        {
            yield return milestone.ToMilestone();
        }
    }

    public async Task<TrackerMilestone> CreateMilestoneAsync(string projectPath, TrackerMilestone milestone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var body = new JsonObject { ["title"] = milestone.Title };
        if (milestone.Description is { } description)
        {
            body["description"] = description;
        }

        if (milestone.DueDate is { } due)
        {
            body["due_date"] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var created = await SendAsync<GitLabMilestoneDto>(HttpMethod.Post, ProjectSegment(projectPath) + "/milestones", body, $"new milestone in {projectPath}", cancellationToken)
            .ConfigureAwait(false);
        return created.ToMilestone();
    }
}
