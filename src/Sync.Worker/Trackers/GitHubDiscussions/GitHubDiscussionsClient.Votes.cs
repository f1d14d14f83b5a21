using System.Runtime.CompilerServices;
using System.Text.Json;
using Sync.Core.Trackers;
using Sync.Worker.Trackers.GitHub.Projects;

namespace Sync.Worker.Trackers.GitHubDiscussions;

internal sealed partial class GitHubDiscussionsClient
{
    private const string Upvote = "+1";

    /// <summary>
    /// The identified voters: the idea's 👍 reactions with their users and times, 100 a request. GitHub lists no
    /// upvoters (an upvote is known only through <c>upvoteCount</c>), so these are the people a vote can be credited to.
    /// </summary>
    public async IAsyncEnumerable<TrackerReaction> ListIssueReactionsAsync(string projectPath, long number, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = ForumPath.Parse(Name, projectPath);
        await foreach (var reaction in ReactionsAsync(path, number, null, cancellationToken).ConfigureAwait(false))
        {
            yield return reaction;
        }
    }

    /// <summary>
    /// Per idea: <c>Counts {"+1": identified}</c>, the identified voters (👍 reactions), <c>Anonymous</c> =
    /// <c>upvoteCount</c> (GitHub gives no upvoter list, so both may count one person; the README says so), author and
    /// title. <see cref="VoteSignalQuery.Numbers"/>: up to 100 ideas per aliased query; else the listing with voters, 100
    /// ideas per request. An idea with more than 100 voters costs one more request per further 100.
    /// </summary>
    public async IAsyncEnumerable<IssueVoteSignal> ListVoteSignalsAsync(string projectPath, VoteSignalQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = ForumPath.Parse(Name, projectPath);
        var category = await CategoryAsync(path, cancellationToken).ConfigureAwait(false);
        if (query.Numbers is null)
        {
            await foreach (var idea in ListAsync(path, category, DiscussionDocuments.ListVotes, query.State, cancellationToken).ConfigureAwait(false))
            {
                if (Matches(idea, new IssueQuery(query.State)))
                {
                    yield return await ToSignalAsync(path, idea, cancellationToken).ConfigureAwait(false);
                }
            }

            yield break;
        }

        foreach (var chunk in query.Numbers.Distinct().Order().Chunk(DiscussionDocuments.PageSize))
        {
            var (document, variables) = DiscussionDocuments.BulkVotes(path.Owner, path.Repository, chunk);
            var data = await GraphQl().SendAsync<BulkVotesData>(
                    document,
                    variables,
                    $"votes of {chunk.Length} discussions of {path.RepositoryPath}",
                    cancellationToken,
                    IsMissingIdea)
                .ConfigureAwait(false);
            foreach (var number in chunk)
            {
                if (data.Repository?.GetValueOrDefault($"d{number}") is not { ValueKind: JsonValueKind.Object } element
                    || element.Deserialize<Discussion>(Json) is not { } idea
                    || (idea.Category is { } c && c.Id != category.Id))
                {
                    // Gone, or no longer in the forum's category: no signal, as for a deleted issue.
                    continue;
                }

                _nodeIds[(path.RepositoryPath, idea.Number)] = idea.Id;
                yield return await ToSignalAsync(path, idea, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // A number that names no discussion nulls out its alias with NOT_FOUND at [repository, dN]; the rest still counts.
    private static bool IsMissingIdea(GraphQlError error) =>
        string.Equals(error.Type, "NOT_FOUND", StringComparison.OrdinalIgnoreCase)
        && error.PathSegments is [ "repository", var alias ] && alias.StartsWith('d');

    private async Task<IssueVoteSignal> ToSignalAsync(ForumPath path, Discussion idea, CancellationToken cancellationToken)
    {
        var voters = (idea.Reactions?.Items ?? []).Select(ToReaction).ToList();
        if (idea.Reactions?.PageInfo?.Next is { } more)
        {
            await foreach (var reaction in ReactionsAsync(path, idea.Number, more, cancellationToken).ConfigureAwait(false))
            {
                voters.Add(reaction);
            }
        }

        return new IssueVoteSignal(
            idea.Number,
            new Dictionary<string, int>(StringComparer.Ordinal) { [Upvote] = voters.Count },
            voters,
            Author: ToUser(idea.Author),
            Title: idea.Title,
            Anonymous: idea.UpvoteCount);
    }

    private async IAsyncEnumerable<TrackerReaction> ReactionsAsync(ForumPath path, long number, string? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var category = await CategoryAsync(path, cancellationToken).ConfigureAwait(false);
        var resource = $"votes of discussion #{number} of {path.RepositoryPath}";
        var cursor = after;
        do
        {
            var variables = RepositoryVariables(path);
            variables["number"] = ToInt(number);
            variables["cursor"] = cursor;
            var data = await GraphQl().SendAsync<CommentsData>(DiscussionDocuments.Reactions, variables, resource, cancellationToken).ConfigureAwait(false);
            var discussion = data.Repository?.Discussion ?? throw new TrackerNotFoundException(Name, $"discussion #{number} of {path.RepositoryPath}");
            if (discussion.Category is { } c && c.Id != category.Id)
            {
                throw new TrackerNotFoundException(Name, $"discussion #{number} of {path.RepositoryPath} in category '{path.Category}' (it is in another category)");
            }

            var page = discussion.Reactions ?? throw new TrackerProtocolException(Name, $"{resource}: no reactions connection");
            foreach (var reaction in page.Items)
            {
                yield return ToReaction(reaction);
            }

            cursor = page.PageInfo?.Next;
        }
        while (cursor is not null);
    }

    private static TrackerReaction ToReaction(ReactionNode reaction) =>
        new(reaction.DatabaseId ?? 0, Upvote, ToUser(reaction.User), reaction.CreatedAt);
}
