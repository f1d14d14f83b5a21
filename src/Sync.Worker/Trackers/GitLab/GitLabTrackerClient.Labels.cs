using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>/projects/:id/labels: list and create (an existing label is returned, not an error).</summary>
internal sealed partial class GitLabTrackerClient
{
    public async IAsyncEnumerable<TrackerLabel> ListLabelsAsync(string projectPath, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var label in ListLabelDtosAsync(projectPath, cancellationToken).ConfigureAwait(false))
        {
            yield return label.ToLabel();
        }
    }

    public async Task<TrackerLabel> CreateLabelAsync(string projectPath, TrackerLabel label, CancellationToken cancellationToken) =>
        (await CreateLabelDtoAsync(projectPath, label, cancellationToken).ConfigureAwait(false)).ToLabel();

    private IAsyncEnumerable<GitLabLabelDto> ListLabelDtosAsync(string projectPath, CancellationToken cancellationToken) =>
        ListAllAsync<GitLabLabelDto>(ProjectSegment(projectPath) + "/labels", string.Empty, $"labels of {projectPath}", cancellationToken);

    /// <summary>
    /// POSTs the label; GitLab answers 409 "Label already exists" for a taken name, which the shared error table
    /// leaves unclassified. Then the existing label is read from the label list (one more paged GET) and returned
    /// as it is; if it is not there after all, the original error stands.
    /// </summary>
    private async Task<GitLabLabelDto> CreateLabelDtoAsync(string projectPath, TrackerLabel label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        var body = new JsonObject { ["name"] = label.Name, ["color"] = GitLabLabelDto.HexColor(label.Color) };
        if (label.Description is { } description)
        {
            body["description"] = description;
        }

        try
        {
            return await SendAsync<GitLabLabelDto>(HttpMethod.Post, ProjectSegment(projectPath) + "/labels", body, $"new label in {projectPath}", cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TrackerException ex) when (IsUnclassified(ex))
        {
            var existing = await FindLabelAsync(projectPath, label.Name, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                throw;
            }

            GitLabLog.LabelExisted(logger, Name, projectPath, label.Name);
            return existing;
        }
    }

    private async Task<GitLabLabelDto?> FindLabelAsync(string projectPath, string name, CancellationToken cancellationToken)
    {
        GitLabLabelDto? caseInsensitive = null;
        await foreach (var label in ListLabelDtosAsync(projectPath, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(label.Name, name, StringComparison.Ordinal))
            {
                return label;
            }

            caseInsensitive ??= string.Equals(label.Name, name, StringComparison.OrdinalIgnoreCase) ? label : null;
        }

        return caseInsensitive;
    }

    // 409 Conflict lands in the shared table's catch-all; every classified failure (auth, limits, validation...) is real.
    private static bool IsUnclassified(TrackerException ex) => ex is not (TrackerUnauthorizedException or TrackerForbiddenException
        or TrackerNotFoundException or TrackerValidationException or TrackerRateLimitedException or TrackerUnavailableException
        or TrackerProtocolException);
}
