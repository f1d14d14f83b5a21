using System.Text.Json.Nodes;
using Octokit;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>
/// Creating and editing issues. Request bodies are written here rather than through Octokit's <c>IssueUpdate</c>,
/// whose lazily created <c>Labels</c>/<c>Assignees</c> lists and <c>[SerializeNull] Milestone</c> put
/// <c>"labels":[]</c>, <c>"assignees":[]</c> and <c>"milestone":null</c> on every PATCH, wiping what a partial
/// edit must leave alone. Octokit still sends them (pipeline, errors, deserialisation).
/// </summary>
internal sealed partial class GitHubTrackerClient
{
    private const string JsonMediaType = "application/json";
    private const string GitHubMediaType = "application/vnd.github+json";

    private static readonly HashSet<string> CloseReasons = new(StringComparer.Ordinal) { "completed", "not_planned", "duplicate" };

    /// <summary>One request: <c>POST /repos/{o}/{r}/issues</c>. A confidential issue is refused before any request.</summary>
    /// <exception cref="NotSupportedException"><see cref="Core.Trackers.NewIssue.Confidential"/> is set.</exception>
    public async Task<TrackerIssue> CreateIssueAsync(string projectPath, Core.Trackers.NewIssue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        if (issue.Confidential)
        {
            throw new NotSupportedException(
                $"Tracker '{Name}' is GitHub, which has no confidential issues; refusing to create '{issue.Title}' in {projectPath} as a public issue");
        }

        BodyLimits.GitHub.EnsureFits(Name, $"new issue in {projectPath}", issue.Body, isComment: false);
        var (owner, repo) = SplitRepository(projectPath);
        var body = new JsonObject { ["title"] = issue.Title, ["body"] = issue.Body };
        if (issue.Labels is { Count: > 0 } labels)
        {
            body["labels"] = new JsonArray([.. labels.Select(l => (JsonNode?)l)]);
        }

        if (issue.MilestoneId is { } milestone)
        {
            body["milestone"] = milestone;
        }

        var created = await RunAsync(
            async client => (await client.Connection.Post<Issue>(
                IssuesUri(owner, repo), body.ToJsonString(), GitHubMediaType, JsonMediaType, parameters: null, cancellationToken).ConfigureAwait(false)).Body,
            $"new issue in {projectPath}",
            cancellationToken).ConfigureAwait(false);
        var result = GitHubIssueMapper.ToIssue(created, Name, projectPath);
        CheckNotDropped(projectPath, $"{result.Ref.Project.Path}#{result.Ref.Number}", issue.Labels, issue.MilestoneId, created);
        return result;
    }

    /// <summary>
    /// Label changes first: one <c>POST .../issues/{n}/labels</c> with every added name, one
    /// <c>DELETE .../issues/{n}/labels/{name}</c> per removed name (a 404 "Label does not exist" counts as removed).
    /// Then one <c>PATCH .../issues/{n}</c> when title, body, milestone or state change; its response is the result.
    /// A label-only edit has no issue in any response, so it ends with one <c>GET .../issues/{n}</c>.
    /// Requests: POST (if adding) + R DELETEs + (PATCH or GET).
    /// </summary>
    /// <exception cref="ArgumentException">The edit changes nothing (no request is made), or the state reason is unknown.</exception>
    public async Task<TrackerIssue> EditIssueAsync(string projectPath, long number, IssueEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var patch = PatchBody(edit);
        var add = edit.AddLabels?.Where(l => !string.IsNullOrWhiteSpace(l)).Distinct(StringComparer.Ordinal).ToList() ?? [];
        var remove = edit.RemoveLabels?.Where(l => !string.IsNullOrWhiteSpace(l) && !add.Contains(l, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (patch.Count == 0 && add.Count == 0 && remove.Count == 0)
        {
            throw new ArgumentException($"The edit of {projectPath}#{number} changes nothing; no request was sent", nameof(edit));
        }

        var (owner, repo) = SplitRepository(projectPath);
        var n = ToInt(number);
        var resource = $"issue {projectPath}#{number}";
        BodyLimits.GitHub.EnsureFits(Name, resource, edit.Body, isComment: false);
        if (n == 0)
        {
            throw new TrackerNotFoundException(Name, resource);
        }

        if (add.Count > 0)
        {
            var labels = new JsonObject { ["labels"] = new JsonArray([.. add.Select(l => (JsonNode?)l)]) };
            await RunAsync(
                async client => (await client.Connection.Post<List<Label>>(
                    IssueLabelsUri(owner, repo, n), labels.ToJsonString(), GitHubMediaType, JsonMediaType, parameters: null, cancellationToken).ConfigureAwait(false)).Body,
                $"labels of {resource}",
                cancellationToken).ConfigureAwait(false);
        }

        foreach (var label in remove)
        {
            await RemoveLabelAsync(owner, repo, n, label, resource, cancellationToken).ConfigureAwait(false);
        }

        var updated = patch.Count > 0
            ? await RunAsync(
                async client => (await client.Connection.Patch<Issue>(new Uri($"repos/{owner}/{repo}/issues/{n}", UriKind.Relative), patch.ToJsonString())
                    .ConfigureAwait(false)).Body,
                resource,
                cancellationToken).ConfigureAwait(false)
            : await RunAsync(client => client.Issue.Get(owner, repo, n), resource, cancellationToken).ConfigureAwait(false);

        // A PATCH to a transferred issue is redirected too (Octokit re-sends it there): reported, never recorded here.
        var result = Answered(GitHubIssueMapper.ToIssue(updated, Name, projectPath), projectPath, number, resource);
        CheckNotDropped(projectPath, $"{projectPath}#{number}", null, edit.ClearMilestone ? null : edit.MilestoneId, updated);
        return result;
    }

    /// <summary>POST the added labels, DELETE each removed one; unlike <see cref="EditIssueAsync"/> no read follows.</summary>
    public async Task ChangeLabelsAsync(string projectPath, long number, IReadOnlyList<string> add, IReadOnlyList<string> remove, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(remove);
        var (owner, repo) = SplitRepository(projectPath);
        var n = ToInt(number);
        var resource = $"issue {projectPath}#{number}";
        if (n == 0)
        {
            throw new TrackerNotFoundException(Name, resource);
        }

        var added = add.Where(l => !string.IsNullOrWhiteSpace(l)).Distinct(StringComparer.Ordinal).ToList();
        if (added.Count > 0)
        {
            var labels = new JsonObject { ["labels"] = new JsonArray([.. added.Select(l => (JsonNode?)l)]) };
            await RunAsync(
                async client => (await client.Connection.Post<List<Label>>(
                    IssueLabelsUri(owner, repo, n), labels.ToJsonString(), GitHubMediaType, JsonMediaType, parameters: null, cancellationToken).ConfigureAwait(false)).Body,
                $"labels of {resource}",
                cancellationToken).ConfigureAwait(false);
        }

        foreach (var label in remove.Where(l => !string.IsNullOrWhiteSpace(l) && !added.Contains(l, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            await RemoveLabelAsync(owner, repo, n, label, resource, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RemoveLabelAsync(string owner, string repo, int number, string label, string resource, CancellationToken cancellationToken)
    {
        var uri = new Uri($"repos/{owner}/{repo}/issues/{number}/labels/{Uri.EscapeDataString(label)}", UriKind.Relative);
        var removed = await RunAsync(
            async client =>
            {
                try
                {
                    await client.Connection.Delete(uri).ConfigureAwait(false);
                    return (object)true;
                }
                catch (NotFoundException ex) when (ex.ApiError?.Message == "Label does not exist")
                {
                    // Removing is idempotent; any other 404 (no such issue or repo) still fails.
                    return false;
                }
            },
            $"label '{label}' of {resource}",
            cancellationToken).ConfigureAwait(false);
        if (removed is false)
        {
            GitHubLog.LabelAlreadyRemoved(logger, Name, label, resource);
        }
    }

    private static JsonObject PatchBody(IssueEdit edit)
    {
        var body = new JsonObject();
        if (edit.Title is not null)
        {
            body["title"] = edit.Title;
        }

        if (edit.Body is not null)
        {
            body["body"] = edit.Body;
        }

        if (edit.ClearMilestone)
        {
            body["milestone"] = null;
        }
        else if (edit.MilestoneId is { } milestone)
        {
            body["milestone"] = milestone;
        }

        switch (edit.State)
        {
            case IssueState.Open:
                body["state"] = "open";
                body["state_reason"] = "reopened";
                break;
            case IssueState.Closed:
                body["state"] = "closed";
                if (edit.StateReason is { } reason)
                {
                    body["state_reason"] = CloseReasons.Contains(reason)
                        ? reason
                        : throw new ArgumentException($"State reason '{reason}' is not one of {string.Join(", ", CloseReasons)}", nameof(edit));
                }

                break;
        }

        return body;
    }

    private static Uri IssuesUri(string owner, string repo) => new($"repos/{owner}/{repo}/issues", UriKind.Relative);

    private static Uri IssueLabelsUri(string owner, string repo, int number) => new($"repos/{owner}/{repo}/issues/{number}/labels", UriKind.Relative);
}
