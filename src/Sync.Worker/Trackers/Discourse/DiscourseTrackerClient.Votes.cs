using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.Discourse;

internal sealed partial class DiscourseTrackerClient
{
    /// <summary>What a vote is called among reactions: the voting plugin's votes are up-votes.</summary>
    internal const string VoteReaction = "+1";

    /// <summary>
    /// The identified voters of an idea as <c>"+1"</c> reactions: the kept record of a topic IssueSync closed, else the
    /// voting plugin's <c>/voting/who</c>. The plugin tells no vote time: each vote carries the topic's creation time, the
    /// earliest it can have been given and the same on every read (so vote history does not shift between passes).
    /// </summary>
    public async IAsyncEnumerable<TrackerReaction> ListIssueReactionsAsync(string projectPath, long number, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var kept = await KeptRecordsAsync(projectPath, cancellationToken).ConfigureAwait(false);
        var votes = kept.TryGetValue(number, out var record)
            ? record
            : await LiveVotesAsync(await ReadTopicInCategoryAsync(projectPath, number, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        foreach (var reaction in Reactions(votes))
        {
            yield return reaction;
        }
    }

    /// <summary>
    /// Vote signals per idea: <c>Counts {"+1": identified}</c>, the identified <c>Voters</c>, and <c>Anonymous</c> =
    /// <c>vote_count</c> minus the voters listed (never below 0; all of it where the site hides who voted). Ideas of
    /// <see cref="VoteSignalQuery.Numbers"/> are read one by one; otherwise the category's listing (which carries each
    /// topic's <c>vote_count</c>) is read and <c>/voting/who</c> only asked for topics with votes. Topics IssueSync closed
    /// are answered from their kept record, with no request.
    /// </summary>
    public async IAsyncEnumerable<IssueVoteSignal> ListVoteSignalsAsync(string projectPath, VoteSignalQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var kept = await KeptRecordsAsync(projectPath, cancellationToken).ConfigureAwait(false);
        if (query.Numbers is { } numbers)
        {
            foreach (var number in numbers)
            {
                DiscourseVoterRecord votes;
                if (kept.TryGetValue(number, out var record))
                {
                    votes = record;
                }
                else
                {
                    try
                    {
                        votes = await LiveVotesAsync(await ReadTopicInCategoryAsync(projectPath, number, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                    }
                    catch (TrackerNotFoundException)
                    {
                        continue;
                    }
                }

                yield return Signal(votes);
            }

            yield break;
        }

        await foreach (var item in ListTopicItemsAsync(projectPath, cancellationToken).ConfigureAwait(false))
        {
            var closed = item.Flag("closed") || item.Flag("archived");
            if (query.State == IssueStateFilter.Open && closed || query.State == IssueStateFilter.Closed && !closed)
            {
                continue;
            }

            var id = item.Long("id")!.Value;
            yield return Signal(kept.TryGetValue(id, out var record) ? record : await LiveVotesAsync(item, cancellationToken).ConfigureAwait(false));
        }
    }

    private static IssueVoteSignal Signal(DiscourseVoterRecord votes)
    {
        var voters = Reactions(votes);
        return new IssueVoteSignal(
            votes.Topic,
            new Dictionary<string, int>(StringComparer.Ordinal) { [VoteReaction] = voters.Count },
            voters,
            Author: votes.Author is { } a ? new TrackerUser(a.Username, a.Id) : null,
            Title: votes.Title,
            Anonymous: Math.Max(0, votes.VoteCount - voters.Count));
    }

    private static List<TrackerReaction> Reactions(DiscourseVoterRecord votes) =>
        [.. votes.Voters.Select(v => new TrackerReaction(v.Id, VoteReaction, new TrackerUser(v.Username, v.Id), votes.CreatedAt))];

    /// <summary>
    /// The votes of a topic read now: its <c>vote_count</c> (0 without the plugin) and, when it has votes, <c>/voting/who</c>
    /// (an array of users, or null where <c>voting_show_who_voted</c> is off). <paramref name="topic"/> is a topic read or a
    /// topic list item (which carries the author as <c>_author</c>).
    /// </summary>
    private async Task<DiscourseVoterRecord> LiveVotesAsync(JsonObject topic, CancellationToken cancellationToken)
    {
        var id = topic.Long("id") ?? throw Malformed("a topic", "id");
        var count = (int)Math.Clamp(topic.Long("vote_count") ?? 0, 0, int.MaxValue);
        var voters = new List<DiscourseVoterRecord.Person>();
        if (count > 0)
        {
            var client = httpClientFactory.CreateClient(Name);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"voting/who?topic_id={DiscourseJson.Id(id)}", UriKind.Relative));
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await _http.SendAsync(client, request, "GET /voting/who", cancellationToken).ConfigureAwait(false);
            // A JsonElement, not a node: the answer is the JSON literal null where the site hides who voted.
            var who = await _http.ReadJsonAsync<JsonElement>(response, Json, "GET /voting/who", cancellationToken).ConfigureAwait(false);
            if (who.ValueKind == JsonValueKind.Array && JsonNode.Parse(who.GetRawText()) is JsonArray users)
            {
                voters.AddRange(users.OfType<JsonObject>()
                    .Where(u => u.Str("username") is { Length: > 0 } && u.Long("id") is not null)
                    .Select(u => new DiscourseVoterRecord.Person(u.Str("username")!, u.Long("id")!.Value))
                    .DistinctBy(p => p.Id));
            }
        }

        var creator = topic.Obj("details").Obj("created_by") ?? topic.Obj("_author");
        var author = creator?.Str("username") is { } username ? new DiscourseVoterRecord.Person(username, creator.Long("id") ?? 0) : null;
        var created = topic.Time("created_at") ?? throw Malformed("a topic", "created_at");
        return new DiscourseVoterRecord(id, topic.Str("title") ?? string.Empty, author, created, count, voters, time.GetUtcNow());
    }

    /// <summary>Reads the voters of a topic about to be closed or archived and keeps them (merged with an earlier keeping).</summary>
    private async Task KeepVotersAsync(string projectPath, JsonObject topic, string status, CancellationToken cancellationToken)
    {
        var key = RefOf(projectPath, topic.Long("id")!.Value).ToString();
        if (documents is null)
        {
            DiscourseLog.VotersNotKept(logger, Name, key);
            return;
        }

        var live = await LiveVotesAsync(topic, cancellationToken).ConfigureAwait(false);
        // One row: the record of this topic only (a second close merges into it rather than overwrite it).
        var kept = await documents.GetDocumentAsync(DiscourseVoterRecord.Product, DiscourseVoterRecord.Kind, key, cancellationToken).ConfigureAwait(false);
        var record = live.Merge(kept is null ? null : DiscourseVoterRecord.FromJson(kept.Body));
        await documents.SaveDocumentsAsync(
            [new StoredDocument(DiscourseVoterRecord.Product, DiscourseVoterRecord.Kind, key, record.ToJson(), time.GetUtcNow())],
            cancellationToken).ConfigureAwait(false);
        DiscourseLog.VotersKept(logger, Name, key, record.Voters.Count, record.VoteCount, status);
    }

    /// <summary>The kept voter records of this tracker's category, by topic id.</summary>
    private async Task<Dictionary<long, DiscourseVoterRecord>> KeptRecordsAsync(string projectPath, CancellationToken cancellationToken)
    {
        var records = new Dictionary<long, DiscourseVoterRecord>();
        if (documents is null)
        {
            return records;
        }

        var prefix = new ProjectRef(Name, projectPath.Trim('/')) + "#";
        foreach (var document in await documents.ListDocumentsAsync(DiscourseVoterRecord.Product, DiscourseVoterRecord.Kind, cancellationToken).ConfigureAwait(false))
        {
            if (document.Key.StartsWith(prefix, StringComparison.Ordinal) && DiscourseVoterRecord.FromJson(document.Body) is { } record)
            {
                records[record.Topic] = record;
            }
        }

        return records;
    }
}
