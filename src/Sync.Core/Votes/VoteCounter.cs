using System.Text.Json;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Votes;

/// <summary>
/// Counts one public issue's demand from what the bulk read gave (its signal) and reads only what it lacks: the voter
/// list of an issue whose signal carries counts but no voters (GitHub's rollup; a GitLab award list longer than a page),
/// the author and title when the read did not give them. An issue with no reaction at all costs no request.
/// </summary>
/// <remarks>
/// A moved issue's demand is its public voters plus the voters on its private source (the source issue's author is the
/// original author, so their own vote is excluded on both hosts through the identity map). While the source is
/// readable its reading is kept; once it is gone or hidden the last reading stands, so a moved issue never loses the
/// demand it brought along. Duplicates closed into an issue add their voters to it, one vote per person.
/// </remarks>
internal sealed class VoteCounter(ITrackerRegistry trackers, IStepStateStore state, string product, TimeProvider time, VoteRules rules)
{
    /// <summary>Step-state kind of a moved issue's source reading (key: the source issue). In the HTTP-cache table until issue 17.</summary>
    public const string SourceKind = "votes-source";

    private Dictionary<string, StoredDocument>? _kept;

    public async Task<(string Title, DemandSignal Demand, IssueVotes Votes)> CountAsync(
        ITrackerClient client,
        ProjectRef project,
        long number,
        IssueVoteSignal? signal,
        IReadOnlyList<(long Number, IssueVoteSignal? Signal)> duplicates,
        (IssueRef Issue, IssueVoteSignal? Signal)? source,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        string author;
        string title;
        if (signal is { Author: { } signalAuthor, Title: { } signalTitle })
        {
            (author, title) = (signalAuthor.Username, signalTitle);
        }
        else
        {
            var issue = await client.GetIssueAsync(project.Path, number, cancellationToken);
            (author, title) = (issue.Author.Username, issue.Title);
        }

        var reactions = await VotersAsync(client, project, number, signal, cancellationToken);
        var commentReactions = rules.CountCommentVotes ? await CommentVotersAsync(client, project, number, signal, cancellationToken) : null;
        var additional = new List<VoteSource>();
        foreach (var (duplicate, duplicateSignal) in duplicates)
        {
            additional.Add(new VoteSource(project.Tracker, await VotersAsync(client, project, duplicate, duplicateSignal, cancellationToken)));
        }

        var votes = new IssueVotes(project.Tracker, author, reactions, commentReactions, additional);
        if (source is { } moved && await ReadSourceAsync(moved.Issue, moved.Signal, cancellationToken) is { } reading)
        {
            // The source is the original: its author's vote is excluded, the public voters are merged in by identity.
            // A forum's number-only votes come along as the source's anonymous count.
            votes = new IssueVotes(reading.Host ?? moved.Issue.Project.Tracker, reading.Author, reading.Reactions, Additional: [.. votes.Sources()])
            {
                Anonymous = reading.Anonymous,
            };
        }

        return (title, VoteTally.Count(votes, rules, now), votes);
    }

    /// <summary>The voters the signal carries; none when it counts no reaction; else the issue's reaction list.</summary>
    private static async Task<List<TrackerReaction>> VotersAsync(ITrackerClient client, ProjectRef project, long number, IssueVoteSignal? signal, CancellationToken cancellationToken)
    {
        if (signal?.Voters is { } voters)
        {
            return [.. voters];
        }

        if (signal is not null && signal.Counts.Values.All(c => c == 0))
        {
            return [];
        }

        return await client.ListIssueReactionsAsync(project.Path, number, cancellationToken).ToListAsync(cancellationToken);
    }

    private static async Task<List<TrackerReaction>> CommentVotersAsync(ITrackerClient client, ProjectRef project, long number, IssueVoteSignal? signal, CancellationToken cancellationToken)
    {
        var reactions = new List<TrackerReaction>();
        if (signal?.Comments is { } comments)
        {
            // The bulk read gave the comments' signals (public comments only): read the voters of those that lack them.
            foreach (var comment in comments.Where(c => c.Counts.Values.Any(n => n != 0)))
            {
                reactions.AddRange(comment.Voters
                    ?? await client.ListCommentReactionsAsync(project.Path, number, comment.CommentId, cancellationToken).ToListAsync(cancellationToken));
            }

            return reactions;
        }

        foreach (var comment in await client.ListCommentsAsync(project.Path, number, cancellationToken).ToListAsync(cancellationToken))
        {
            if (!comment.System && !comment.Internal)
            {
                reactions.AddRange(await client.ListCommentReactionsAsync(project.Path, number, comment.Id, cancellationToken).ToListAsync(cancellationToken));
            }
        }

        return reactions;
    }

    /// <summary>
    /// The source's author and reactions: read (from its signal, or from the tracker) and kept while it is readable;
    /// the last reading once it is gone or hidden (no signal came back for it, or the tracker refuses).
    /// </summary>
    private async Task<SourceReading?> ReadSourceAsync(IssueRef source, IssueVoteSignal? signal, CancellationToken cancellationToken)
    {
        var client = trackers.Get(source.Project.Tracker);
        if (signal is not null)
        {
            try
            {
                var author = signal.Author?.Username
                    ?? (await client.GetIssueAsync(source.Project.Path, source.Number, cancellationToken)).Author.Username;
                var reading = new SourceReading(author, await VotersAsync(client, source.Project, source.Number, signal, cancellationToken))
                {
                    Anonymous = signal.Anonymous,
                    // Only a forum read through another tracker's accounts names a host of its own.
                    Host = string.Equals(client.IdentityHost, client.Name, StringComparison.OrdinalIgnoreCase) ? null : client.IdentityHost,
                };
                // Through the step state: a dry run reads it and writes nothing.
                await state.SaveDocumentsAsync(
                    [new StoredDocument(product, SourceKind, source.ToString(), JsonSerializer.Serialize(reading), time.GetUtcNow())], cancellationToken);

                return reading;
            }
            catch (Exception ex) when (ex is TrackerNotFoundException or TrackerForbiddenException)
            {
                // Gone between the bulk read and now: the last reading stands.
            }
        }

        _kept ??= (await state.ListDocumentsAsync(product, SourceKind, cancellationToken)).ToDictionary(d => d.Key, StringComparer.Ordinal);
        return _kept.GetValueOrDefault(source.ToString()) is { } kept ? JsonSerializer.Deserialize<SourceReading>(kept.Body) : null;
    }

    /// <param name="Author">The source's author on <see cref="Host"/>.</param>
    private sealed record SourceReading(string Author, List<TrackerReaction> Reactions)
    {
        /// <summary>The source's number-only votes (a forum's); 0 in readings kept before forums.</summary>
        public int Anonymous { get; init; }

        /// <summary>Whose usernames these are (<see cref="ITrackerClient.IdentityHost"/>); null in readings kept before forums (the tracker's name).</summary>
        public string? Host { get; init; }
    }
}
