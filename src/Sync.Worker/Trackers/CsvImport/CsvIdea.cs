namespace Sync.Worker.Trackers.CsvImport;

/// <summary>One valid data row of an import file.</summary>
/// <param name="Row">The row as a spreadsheet numbers it (the header is row 1).</param>
/// <param name="Author">The author as the export names them, or null when the file has none.</param>
/// <param name="Created">When the idea was posted, or null when the file does not say.</param>
/// <param name="Votes">The export's vote count (identified and anonymous); the voters' number when no count is given.</param>
/// <param name="Voters">The distinct voters listed, as identities on host <c>csv</c>.</param>
/// <param name="Identity">What makes it the same idea in a later export: the url, else title, author and created.</param>
internal sealed record CsvIdea(
    int Row,
    string Title,
    string Body,
    string? Author,
    DateTimeOffset? Created,
    int Votes,
    IReadOnlyList<string> Voters,
    string? Url,
    string Identity);

/// <summary>What reading a file gave: its ideas when <see cref="Errors"/> is empty, else the one-line errors.</summary>
internal sealed record CsvParseResult(IReadOnlyList<CsvIdea> Ideas, IReadOnlyList<string> Errors)
{
    public bool Valid => Errors.Count == 0;
}
