using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sync.Worker.Trackers.CsvImport;

/// <summary>
/// Reads and validates a whole import file before anything is stored: every problem is one line naming the file,
/// the row (as a spreadsheet shows it, header = row 1) and the column. Nothing of a file with an error is imported.
/// </summary>
internal static partial class CsvIdeaFile
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 10_000;
    public const int MaxTitleLength = 255;
    public const int MaxErrors = 50;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>ISO 8601 / RFC 3339 (Fider, Canny), UserVoice's "yyyy-mm-dd hh:mm:ss" with or without an offset, or a date.</summary>
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd' UTC'",
        "yyyy-MM-dd HH:mm:ss' UTC'",
        "yyyy-MM-dd",
    ];

    public static CsvParseResult Parse(string fileName, ReadOnlySpan<byte> data, DateTimeOffset now)
    {
        var errors = new Errors(fileName);
        if (data.Length > MaxBytes)
        {
            errors.File(string.Create(CultureInfo.InvariantCulture, $"the file is {data.Length / (1024.0 * 1024):0.#} MB, more than the {MaxBytes / (1024 * 1024)} MB an import takes (split it)"));
            return errors.Result([]);
        }

        var problems = new List<CsvTokenProblem>();
        var records = CsvTokenizer.Read(data, problems).Where(r => !r.IsBlank || r.Row == 1).ToList();
        if (records.Count == 0 || (records.Count == 1 && records[0].IsBlank && problems.Count == 0))
        {
            errors.File("the file is empty (it needs a header row naming the columns, then one row per idea)");
            return errors.Result([]);
        }

        var header = ReadHeader(records[0], errors);
        var dataRows = records.Count - 1;
        if (dataRows > MaxRows)
        {
            errors.File(string.Create(CultureInfo.InvariantCulture, $"the file has {dataRows} rows of ideas, more than the {MaxRows} an import takes (split it)"));
            return errors.Result([]);
        }

        var ideas = new List<CsvIdea>();
        if (header is not null)
        {
            var byIdentity = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var record in records.Skip(1))
            {
                if (ReadRow(record, header, problems, now, errors) is { } idea)
                {
                    if (byIdentity.TryGetValue(idea.Identity, out var first))
                    {
                        var (column, same) = idea.Url is not null ? (CsvColumn.Url, "url") : (CsvColumn.Title, "title, author and created date");
                        errors.Cell(record.Row, header.NameOf(column), $"the same idea as row {first} (same {same}); list each idea once");
                    }
                    else
                    {
                        byIdentity.Add(idea.Identity, record.Row);
                        ideas.Add(idea);
                    }
                }
            }
        }

        // Token problems of rows never read (the header, or a file without a usable header) still count.
        foreach (var problem in problems.Where(p => header is null || p.Row == 1 || !records.Any(r => r.Row == p.Row)))
        {
            errors.Add(problem.Row, problem.Field is { } f && header is not null ? header.Label(f) : null, problem.Message);
        }

        return errors.Result(ideas);
    }

    private static Header? ReadHeader(CsvRecord record, Errors errors)
    {
        var labels = new string[record.Fields.Count];
        var columns = new CsvColumn?[record.Fields.Count];
        var known = 0;
        for (var i = 0; i < record.Fields.Count; i++)
        {
            if (!TryDecode(record.Fields[i], out var text))
            {
                errors.Row(1, string.Create(CultureInfo.InvariantCulture, $"column {i + 1} of the header is not valid UTF-8 (save the file as UTF-8)"));
                labels[i] = string.Create(CultureInfo.InvariantCulture, $"#{i + 1}");
                continue;
            }

            labels[i] = text.Trim();
            columns[i] = CsvColumns.Find(text);
            known += columns[i] is null ? 0 : 1;
        }

        if (known == 0)
        {
            errors.Row(1, $"is not a header row: name the columns in the first row ({CsvColumns.KnownNames}; title is required)");
            return null;
        }

        var header = new Header(labels, columns);
        var seen = new Dictionary<CsvColumn, int>();
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i] is not { } column)
            {
                if (labels[i].Length > 0 || record.Fields.Count > 1)
                {
                    errors.Cell(1, header.Label(i), $"unknown column (known: {CsvColumns.KnownNames}, and the vendors' names in docs/csv-import.md)");
                }

                continue;
            }

            if (column != CsvColumn.Ignored && !seen.TryAdd(column, i))
            {
                errors.Cell(1, header.Label(i), $"names the {CsvColumns.NameOf(column)} column again (as '{Shown(labels[seen[column]])}' does); keep one");
                columns[i] = CsvColumn.Ignored;
            }
        }

        if (!seen.ContainsKey(CsvColumn.Title))
        {
            errors.Row(1, $"the header has no title column (name one of the columns title; known: {CsvColumns.KnownNames})");
            return null;
        }

        return header;
    }

    private static CsvIdea? ReadRow(CsvRecord record, Header header, List<CsvTokenProblem> problems, DateTimeOffset now, Errors errors)
    {
        var before = errors.Count;
        foreach (var problem in problems.Where(p => p.Row == record.Row))
        {
            errors.Add(record.Row, problem.Field is { } f ? header.Label(f) : null, problem.Message);
        }

        if (record.Fields.Count != header.Count)
        {
            errors.Row(record.Row, string.Create(CultureInfo.InvariantCulture, $"has {record.Fields.Count} field(s) but the header has {header.Count} (a comma or line break outside quotes?)"));
            return null;
        }

        var values = new Dictionary<CsvColumn, string>();
        for (var i = 0; i < record.Fields.Count; i++)
        {
            if (header.ColumnAt(i) is not { } column || column == CsvColumn.Ignored)
            {
                continue;
            }

            if (!TryDecode(record.Fields[i], out var text))
            {
                errors.Cell(record.Row, header.Label(i), "is not valid UTF-8 (save the file as UTF-8)");
                continue;
            }

            values[column] = text;
        }

        string Cell(CsvColumn column) => values.TryGetValue(column, out var v) ? v : string.Empty;
        string Name(CsvColumn column) => header.NameOf(column);

        var title = Cell(CsvColumn.Title).Trim();
        if (title.Length == 0 && values.ContainsKey(CsvColumn.Title))
        {
            errors.Cell(record.Row, Name(CsvColumn.Title), "is empty; every idea needs a title");
        }
        else if (title.EnumerateRunes().Count() is var length && length > MaxTitleLength)
        {
            errors.Cell(record.Row, Name(CsvColumn.Title), string.Create(CultureInfo.InvariantCulture, $"is {length} characters long, more than {MaxTitleLength}"));
        }

        var author = NullIfEmpty(Cell(CsvColumn.Author).Trim());
        DateTimeOffset? created = null;
        if (NullIfEmpty(Cell(CsvColumn.Created).Trim()) is { } createdText)
        {
            if (!TryParseDate(createdText, out var parsed))
            {
                errors.Cell(record.Row, Name(CsvColumn.Created), $"'{Shown(createdText)}' is not a date (use ISO 8601, e.g. 2026-05-01T10:00:00Z)");
            }
            else if (parsed > now)
            {
                errors.Cell(record.Row, Name(CsvColumn.Created), $"'{Shown(createdText)}' is in the future");
            }
            else
            {
                created = parsed;
            }
        }

        var voters = new List<string>();
        foreach (var voter in VoterSeparator().Split(Cell(CsvColumn.Voters)).Select(v => v.Trim()).Where(v => v.Length > 0))
        {
            if (!PlausibleIdentity().IsMatch(voter))
            {
                errors.Cell(record.Row, Name(CsvColumn.Voters), $"'{Shown(voter)}' is not a plausible voter identity (a username or an email address, separated by ';' or line breaks)");
            }
            else if (!voters.Contains(voter, StringComparer.OrdinalIgnoreCase))
            {
                voters.Add(voter);
            }
        }

        var votes = voters.Count;
        if (NullIfEmpty(Cell(CsvColumn.Votes).Trim()) is { } votesText)
        {
            if (!BigIntegerText().IsMatch(votesText))
            {
                errors.Cell(record.Row, Name(CsvColumn.Votes), $"'{Shown(votesText)}' is not a whole number");
            }
            else if (votesText.StartsWith('-') && votesText.Trim('-', '0').Length > 0)
            {
                errors.Cell(record.Row, Name(CsvColumn.Votes), $"'{Shown(votesText)}' is negative");
            }
            else if (!int.TryParse(votesText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out votes))
            {
                errors.Cell(record.Row, Name(CsvColumn.Votes), $"'{Shown(votesText)}' is more than {int.MaxValue}");
            }
            else if (votes < voters.Count)
            {
                errors.Cell(record.Row, Name(CsvColumn.Votes), string.Create(CultureInfo.InvariantCulture, $"{votes} vote(s) but {voters.Count} voter(s) are listed in '{Name(CsvColumn.Voters)}'"));
            }
        }

        string? url = null;
        if (NullIfEmpty(Cell(CsvColumn.Url).Trim()) is { } urlText)
        {
            if (!Uri.TryCreate(urlText, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Cell(record.Row, Name(CsvColumn.Url), $"'{Shown(urlText)}' is not an http(s) URL");
            }
            else
            {
                url = uri.AbsoluteUri;
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        var identity = url is not null
            ? "url:" + url
            : string.Join('\n', "title", title.ToUpperInvariant(), author?.ToUpperInvariant() ?? string.Empty, created?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? string.Empty);
        return new CsvIdea(record.Row, title, Cell(CsvColumn.Body), author, created, votes, voters, url, identity);
    }

    private static bool TryParseDate(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    private static bool TryDecode(byte[] bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>A value from the file as an error quotes it: control characters shown as '?', at most 60 characters.</summary>
    internal static string Shown(string value)
    {
        var cut = value.Length > 60 ? value[..57] + "..." : value;
        return string.Create(cut.Length, cut, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    [GeneratedRegex(@"[;\r\n]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex VoterSeparator();

    /// <summary>A username (letters, digits, '.', '_', '-', '+'; up to 100) or an email address (up to 254).</summary>
    [GeneratedRegex(@"^(?:[A-Za-z0-9_][A-Za-z0-9._+-]{0,99}|(?=.{3,254}$)[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PlausibleIdentity();

    [GeneratedRegex(@"^[+-]?[0-9]+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BigIntegerText();

    /// <summary>The header's cells as written, and the column each names.</summary>
    private sealed class Header(string[] labels, CsvColumn?[] columns)
    {
        public int Count => labels.Length;

        public CsvColumn? ColumnAt(int index) => columns[index];

        public string Label(int index) =>
            index < labels.Length && labels[index].Length > 0 ? labels[index] : string.Create(CultureInfo.InvariantCulture, $"#{index + 1}");

        /// <summary>The header cell that names <paramref name="column"/> as written in the file (its own name when absent).</summary>
        public string NameOf(CsvColumn column) =>
            Array.IndexOf(columns, column) is var i and >= 0 ? Label(i) : CsvColumns.NameOf(column);
    }

    /// <summary>Collects the one-line errors, the first <see cref="MaxErrors"/> of them, then counts the rest.</summary>
    private sealed class Errors(string fileName)
    {
        private readonly List<string> _lines = [];

        public int Count { get; private set; }

        public void File(string message) => Append($"{fileName}: {message}");

        public void Row(int row, string message) => Append(string.Create(CultureInfo.InvariantCulture, $"{fileName}: row {row}: {message}"));

        public void Cell(int row, string column, string message) =>
            Append(string.Create(CultureInfo.InvariantCulture, $"{fileName}: row {row}, column '{Shown(column)}': {message}"));

        public void Add(int row, string? column, string message)
        {
            if (column is null)
            {
                Row(row, message);
            }
            else
            {
                Cell(row, column, message);
            }
        }

        public CsvParseResult Result(IReadOnlyList<CsvIdea> ideas)
        {
            if (Count == 0)
            {
                return new CsvParseResult(ideas, []);
            }

            var lines = new List<string>(_lines);
            if (Count > MaxErrors)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{fileName}: and {Count - MaxErrors} more"));
            }

            return new CsvParseResult([], lines);
        }

        private void Append(string line)
        {
            Count++;
            if (_lines.Count < MaxErrors)
            {
                _lines.Add(line);
            }
        }
    }
}
