using System.Globalization;
using System.Text.Json;
using Sync.Core.Storage;

namespace Sync.Worker.Trackers.CsvImport;

/// <summary>
/// One imported idea as IssueSync keeps it: a document of kind <see cref="Kind"/> of its product, keyed by its number
/// (zero-padded, so the store's key order is the import order).
/// </summary>
internal sealed record CsvIdeaDocument
{
    public const string Kind = "csv-idea";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public required long Number { get; init; }

    /// <summary>The url, else title, author and created date (see <see cref="CsvIdea.Identity"/>).</summary>
    public required string Identity { get; init; }

    public required string Title { get; init; }

    public string Body { get; init; } = string.Empty;

    public string? Author { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the first import brought the idea: the export gives no vote times, so its listed voters are dated here.</summary>
    public DateTimeOffset ImportedAt { get; init; }

    public int Votes { get; init; }

    public IReadOnlyList<string> Voters { get; init; } = [];

    public string? Url { get; init; }

    public bool Closed { get; init; }

    /// <summary>The move's closing reason (<c>duplicate</c>, <c>outdated</c>, <c>locked</c>).</summary>
    public string? StateReason { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Replies stored with the idea (the move's "Moved to" notice), in creation order.</summary>
    public IReadOnlyList<CsvIdeaReply> Replies { get; init; } = [];

    /// <summary>Votes known only as a number: the count beyond the distinct voters listed.</summary>
    public int Anonymous => Math.Max(0, Votes - Voters.Count);

    public static string KeyOf(long number) => number.ToString("D10", CultureInfo.InvariantCulture);

    public StoredDocument ToStored(string product) =>
        new(product, Kind, KeyOf(Number), JsonSerializer.Serialize(this, Json), UpdatedAt);

    public static CsvIdeaDocument FromStored(StoredDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return JsonSerializer.Deserialize<CsvIdeaDocument>(document.Body, Json)
            ?? throw new InvalidOperationException($"Stored CSV idea {document.Product}/{document.Key} is empty");
    }
}

/// <summary>A reply stored with an imported idea.</summary>
internal sealed record CsvIdeaReply(long Id, string Body, string Author, DateTimeOffset CreatedAt);
