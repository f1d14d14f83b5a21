using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Worker.Trackers.GitHub.Projects;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>
/// Which issue a GitHub issue closed as a duplicate was closed into. REST does not say: the issue object has only
/// <c>state_reason: duplicate</c>, and the <c>marked_as_duplicate</c> issue and timeline events carry only the common
/// event properties (github/docs <c>issue-event-types.md</c>). GraphQL's <c>MarkedAsDuplicateEvent</c> names the
/// <c>canonical</c> issue with its repository; a close as duplicate through the UI or through REST
/// (<c>duplicate_issue_id</c>) leaves no "Duplicate of" comment, so the comment is only the fallback for an event that
/// names no readable canonical.
/// </summary>
internal sealed partial class GitHubTrackerClient
{
    // The latest mark or unmark decides: an issue unmarked since is no longer anyone's duplicate.
    private const string DuplicateQuery = """
        query($owner: String!, $name: String!, $number: Int!) {
          repository(owner: $owner, name: $name) {
            issue(number: $number) {
              timelineItems(itemTypes: [MARKED_AS_DUPLICATE_EVENT, UNMARKED_AS_DUPLICATE_EVENT], last: 1) {
                nodes {
                  __typename
                  ... on MarkedAsDuplicateEvent {
                    canonical {
                      __typename
                      ... on Issue { number repository { nameWithOwner } }
                    }
                  }
                }
              }
            }
          }
        }
        """;

    public async Task<IssueRef?> GetDuplicateTargetAsync(string projectPath, TrackerIssue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        if (!string.Equals(issue.StateReason, "duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var (owner, repo) = SplitRepository(projectPath);
        using var http = new HttpClient(handlerFactory.CreateHandler(Name), disposeHandler: false);
        var graphQl = new GitHubGraphQlClient(Name, http, GitHubGraphQlEndpoint.From(registration.ApiRoot), logger);
        var data = await graphQl.SendAsync<DuplicateData>(
            DuplicateQuery,
            new Dictionary<string, object?> { ["owner"] = owner, ["name"] = repo, ["number"] = ToInt(issue.Ref.Number) },
            $"duplicate mark of {projectPath}#{issue.Ref.Number}",
            cancellationToken).ConfigureAwait(false);
        var latest = data.Repository?.Issue?.TimelineItems?.Nodes is { Count: > 0 } nodes ? nodes[^1] : null;
        if (latest is { Typename: "UnmarkedAsDuplicateEvent" })
        {
            return null;
        }

        if (latest?.Canonical is { Typename: "Issue", Number: > 0 and var number, Repository.NameWithOwner: { Length: > 0 } repository })
        {
            return new IssueRef(new ProjectRef(Name, repository), number);
        }

        // No event (a close older than the event, or one the token cannot see), or a canonical it cannot read: the
        // "Duplicate of" comment, if someone wrote one.
        var comments = await ListCommentsAsync(projectPath, issue.Ref.Number, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return Duplicates.FromComments(comments, new ProjectRef(Name, projectPath), WebRoot);
    }

    private sealed record DuplicateData(DuplicateRepository? Repository);

    private sealed record DuplicateRepository(DuplicateIssue? Issue);

    private sealed record DuplicateIssue(DuplicateTimeline? TimelineItems);

    private sealed record DuplicateTimeline(IReadOnlyList<DuplicateEvent?>? Nodes);

    private sealed record DuplicateEvent(
        [property: System.Text.Json.Serialization.JsonPropertyName("__typename")] string? Typename, DuplicateCanonical? Canonical);

    private sealed record DuplicateCanonical(
        [property: System.Text.Json.Serialization.JsonPropertyName("__typename")] string? Typename, long Number, DuplicateRepositoryName? Repository);

    private sealed record DuplicateRepositoryName(string? NameWithOwner);
}
