using System.Collections.Frozen;

namespace Sync.Worker.Trackers.CsvImport;

/// <summary>The columns an import reads.</summary>
internal enum CsvColumn
{
    Title,
    Body,
    Author,
    Created,
    Votes,
    Voters,
    Url,

    /// <summary>A column a vendor's export carries that an import does not need (status, tags, comment counts...).</summary>
    Ignored,
}

/// <summary>
/// The documented column mapping (docs/csv-import.md): each column's own name and the names the vendors' exports give
/// it, compared without case, spaces, '_' or '-'. Sources: Fider <c>app/pkg/csv/csv.go</c> (getfider/fider), UserVoice's
/// "Export fields" help article (help.uservoice.com/hc/en-us/articles/360035485693), Canny's post fields as its API and
/// export tools name them (title, details, vote count, author).
/// </summary>
internal static class CsvColumns
{
    /// <summary>The names the mapping documents, in the order an error lists them.</summary>
    public static readonly IReadOnlyList<(CsvColumn Column, string[] Names)> Known =
    [
        (CsvColumn.Title, ["title", "suggestion.title", "post title", "idea"]),
        (CsvColumn.Body, ["body", "description", "details", "suggestion.body", "content"]),
        (CsvColumn.Author, ["author", "created_by", "creator", "author name", "author email"]),
        (CsvColumn.Created, ["created", "created_at", "created date", "suggestion.created_timestamp", "date"]),
        (CsvColumn.Votes, ["votes", "votes_count", "total_votes", "vote count", "upvotes"]),
        (CsvColumn.Voters, ["voters", "voter emails", "supporters"]),
        (CsvColumn.Url, ["url", "link", "post url", "suggestion.portal_url"]),
    ];

    /// <summary>Columns of the vendors' exports that an import reads past without complaint.</summary>
    private static readonly string[] IgnoredNames =
    [
        // Fider's posts export (app/pkg/csv/csv.go; older exports say total_votes / total_comments).
        "number", "slug", "comments_count", "total_comments", "status", "responded_by", "responded_at", "response",
        "original_number", "original_title", "tags",

        // UserVoice's export fields.
        "suggestion.id", "suggestion.admin_url", "suggestion.body_mime_type", "suggestion.forum.name",
        "suggestion.category.name", "suggestion.status.name", "suggestion.labels.name", "suggestion.category.id",
        "suggestion.status.id", "suggestion.parent.id", "suggestion.ticket.id", "suggestion.forum.id", "suggestion.labels.id",

        // Canny's post fields.
        "id", "board", "category", "score", "comment count", "eta",
    ];

    private static readonly FrozenDictionary<string, CsvColumn> ByName = Build();

    /// <summary>The column a header cell names, or null when the mapping does not know it.</summary>
    public static CsvColumn? Find(string header) =>
        ByName.TryGetValue(Normalize(header), out var column) ? column : null;

    /// <summary>The column's own name as the documentation and the messages spell it.</summary>
    public static string NameOf(CsvColumn column) => column.ToString().ToLowerInvariant();

    /// <summary>"title, body, author, created, votes, voters, url".</summary>
    public static string KnownNames => string.Join(", ", Known.Select(k => NameOf(k.Column)));

    /// <summary>Case, white space, '_' and '-' do not matter: "Vote Count", "vote_count" and "VOTECOUNT" are one name.</summary>
    public static string Normalize(string header)
    {
        Span<char> buffer = stackalloc char[Math.Min(header.Length, 256)];
        var length = 0;
        foreach (var c in header.AsSpan(0, Math.Min(header.Length, 256)))
        {
            if (!char.IsWhiteSpace(c) && c is not ('_' or '-'))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }

    private static FrozenDictionary<string, CsvColumn> Build()
    {
        var names = new Dictionary<string, CsvColumn>(StringComparer.Ordinal);
        foreach (var (column, aliases) in Known)
        {
            foreach (var alias in aliases)
            {
                names.Add(Normalize(alias), column);
            }
        }

        foreach (var ignored in IgnoredNames)
        {
            names.TryAdd(Normalize(ignored), CsvColumn.Ignored);
        }

        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
