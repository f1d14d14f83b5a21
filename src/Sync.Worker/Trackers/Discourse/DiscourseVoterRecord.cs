using System.Text.Json;

namespace Sync.Worker.Trackers.Discourse;

/// <summary>
/// A topic's voters as read right before IssueSync closed or archived it, kept in the document store (kind
/// <see cref="Kind"/>, key <c>&lt;tracker&gt;:&lt;path&gt;#&lt;topic&gt;</c>): the voting plugin releases a closed topic's votes
/// back to the voters, and older plugin versions then stop listing them, so the moved demand is answered from here.
/// </summary>
internal sealed record DiscourseVoterRecord(long Topic, string Title, DiscourseVoterRecord.Person? Author, DateTimeOffset CreatedAt, int VoteCount, IReadOnlyList<DiscourseVoterRecord.Person> Voters, DateTimeOffset KeptAt)
{
    public const string Kind = "forum-voters";

    /// <summary>The document store is per product; a forum's record is not, so it lives under this one product name.</summary>
    public const string Product = "_forums";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal sealed record Person(string Username, long Id);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DiscourseVoterRecord? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<DiscourseVoterRecord>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A later keeping (a retried close) never forgets a voter or votes an earlier one saw.</summary>
    public DiscourseVoterRecord Merge(DiscourseVoterRecord? earlier) => earlier is null
        ? this
        : this with
        {
            VoteCount = Math.Max(VoteCount, earlier.VoteCount),
            Voters = [.. earlier.Voters.Concat(Voters).GroupBy(v => v.Id).Select(g => g.Last())],
        };
}
