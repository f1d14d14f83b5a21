using System.Runtime.CompilerServices;
using Octokit;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>Repository labels and milestones.</summary>
internal sealed partial class GitHubTrackerClient
{
    /// <summary><c>GET .../labels?per_page=100</c>, one request per page.</summary>
    public async IAsyncEnumerable<TrackerLabel> ListLabelsAsync(string projectPath, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (owner, repo) = SplitRepository(projectPath);
        var labels = await RunAsync(client => client.Issue.Labels.GetAllForRepository(owner, repo, AllPages), $"labels of {projectPath}", cancellationToken)
            .ConfigureAwait(false);
        foreach (var label in labels)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return GitHubContentMapper.ToLabel(label);
        }
    }

    /// <summary>
    /// One <c>POST .../labels</c>. When GitHub answers 422 <c>already_exists</c>, one <c>GET .../labels/{name}</c>
    /// returns the existing label as it is (its colour and description are not changed).
    /// </summary>
    public async Task<TrackerLabel> CreateLabelAsync(string projectPath, TrackerLabel label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        var (owner, repo) = SplitRepository(projectPath);
        var resource = $"label '{label.Name}' of {projectPath}";
        try
        {
            var created = await RunAsync(
                client => client.Issue.Labels.Create(owner, repo, new NewLabel(label.Name, GitHubContentMapper.WireColor(label.Color)) { Description = label.Description }),
                resource,
                cancellationToken).ConfigureAwait(false);
            return GitHubContentMapper.ToLabel(created);
        }
        catch (TrackerValidationException ex) when (ex.InnerException is ApiValidationException { ApiError.Errors: { } errors }
            && errors.Any(e => e.Code == "already_exists"))
        {
            var uri = new Uri($"repos/{owner}/{repo}/labels/{Uri.EscapeDataString(label.Name)}", UriKind.Relative);
            var existing = await RunAsync(
                async client => (await client.Connection.Get<Label>(uri, null, GitHubMediaType, cancellationToken).ConfigureAwait(false)).Body,
                resource,
                cancellationToken).ConfigureAwait(false);
            return GitHubContentMapper.ToLabel(existing);
        }
    }

    /// <summary><c>GET .../milestones?state=all&amp;per_page=100</c>, one request per page.</summary>
    public async IAsyncEnumerable<TrackerMilestone> ListMilestonesAsync(string projectPath, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (owner, repo) = SplitRepository(projectPath);
        var milestones = await RunAsync(
            client => client.Issue.Milestone.GetAllForRepository(owner, repo, new MilestoneRequest { State = ItemStateFilter.All }, AllPages),
            $"milestones of {projectPath}",
            cancellationToken).ConfigureAwait(false);
        foreach (var milestone in milestones)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return GitHubContentMapper.ToMilestone(milestone);
        }
    }

    /// <summary>One <c>POST .../milestones</c>; the returned <see cref="TrackerMilestone.Id"/> is the milestone number.</summary>
    public async Task<TrackerMilestone> CreateMilestoneAsync(string projectPath, TrackerMilestone milestone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var (owner, repo) = SplitRepository(projectPath);
        var request = new NewMilestone(milestone.Title)
        {
            Description = milestone.Description,
            State = milestone.Closed ? ItemState.Closed : ItemState.Open,
            DueOn = milestone.DueDate is { } due ? new DateTimeOffset(due.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
        };
        var created = await RunAsync(client => client.Issue.Milestone.Create(owner, repo, request), $"milestone '{milestone.Title}' of {projectPath}", cancellationToken)
            .ConfigureAwait(false);
        return GitHubContentMapper.ToMilestone(created);
    }
}
