using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Votes;

/// <summary>
/// What the votes step last saw of each issue's vote signal (a fingerprint of its reaction counts and, where the read
/// gave them, its voters), which public issues were open, and when every issue was last re-counted in full. One
/// document per product (kind <see cref="Kind"/>).
/// </summary>
public sealed record VoteSignalBook
{
    public const string Kind = "vote-signals";

    /// <summary>Kind of the document a maintainer's full resync leaves for the next votes pass.</summary>
    public const string FullRequestKind = "votes-full-request";

    /// <summary>Issue reference → fingerprint of its last signal.</summary>
    public Dictionary<string, string> Fingerprints { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Numbers of the public project's open issues at the last pass (an issue gone from them was closed).</summary>
    public List<long> Open { get; init; } = [];

    /// <summary>When every issue was last re-counted whatever its signal said.</summary>
    public DateTimeOffset? LastFull { get; init; }

    /// <summary>Whether <paramref name="signal"/> differs from what was last seen of <paramref name="issue"/> (or was never seen).</summary>
    public bool Changed(IssueRef issue, IssueVoteSignal signal) =>
        !Fingerprints.TryGetValue(issue.ToString(), out var known) || known != Fingerprint(signal);

    public void Remember(IssueRef issue, IssueVoteSignal signal) => Fingerprints[issue.ToString()] = Fingerprint(signal);

    /// <summary>
    /// The counts by name, the comments' counts, and the voters (user id and emoji) where the read gave them: a vote
    /// moved from one person to another leaves the counts as they were but changes the voters.
    /// </summary>
    public static string Fingerprint(IssueVoteSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var text = new StringBuilder();
        Append(text, signal.Counts, signal.Voters);
        if (signal.Anonymous != 0)
        {
            text.Append("|anonymous=").Append(signal.Anonymous.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var comment in (signal.Comments ?? []).OrderBy(c => c.CommentId))
        {
            text.Append('|').Append(comment.CommentId.ToString(CultureInfo.InvariantCulture)).Append(':');
            Append(text, comment.Counts, comment.Voters);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    public StoredDocument ToStored(string product, DateTimeOffset at) => new(product, Kind, product, JsonSerializer.Serialize(this), at);

    public static async Task<VoteSignalBook> LoadAsync(IDocumentStore store, string product, CancellationToken cancellationToken)
    {
        var documents = await store.ListDocumentsAsync(product, Kind, cancellationToken);
        return documents.Count == 0 ? new VoteSignalBook() : JsonSerializer.Deserialize<VoteSignalBook>(documents[0].Body) ?? new VoteSignalBook();
    }

    private static void Append(StringBuilder text, IReadOnlyDictionary<string, int> counts, IReadOnlyList<TrackerReaction>? voters)
    {
        foreach (var (name, count) in counts.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('=').Append(count.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        if (voters is not null)
        {
            text.Append('/');
            foreach (var voter in voters.Select(v => $"{v.User.Id.ToString(CultureInfo.InvariantCulture)}:{v.Name}").Order(StringComparer.Ordinal))
            {
                text.Append(voter).Append(';');
            }
        }
    }
}
