namespace Sync.Worker.Trackers.CsvImport;

/// <summary>One record of the file: its row as a spreadsheet numbers it (the header is row 1) and its raw fields.</summary>
internal sealed record CsvRecord(int Row, IReadOnlyList<byte[]> Fields)
{
    /// <summary>A line with nothing on it (no field, no separator): spreadsheets leave these between and after rows.</summary>
    public bool IsBlank => Fields.Count == 1 && Fields[0].Length == 0;
}

/// <summary>A problem the tokenizer found: its row, the field's position when one field is to blame, and what is wrong.</summary>
internal sealed record CsvTokenProblem(int Row, int? Field, string Message);

/// <summary>
/// Splits RFC 4180 text into records on the bytes, before any decoding: the structural characters (comma, quote, CR,
/// LF) are ASCII, so the fields can then be decoded one by one and invalid UTF-8 is blamed on its row and column.
/// Fields may be quoted, with embedded commas, line breaks and doubled quotes; records end in CRLF, LF or CR.
/// </summary>
internal static class CsvTokenizer
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Reads every record. An unterminated quote ends the reading (everything after it would be that field) with a
    /// problem naming the row it opened on.
    /// </summary>
    public static IReadOnlyList<CsvRecord> Read(ReadOnlySpan<byte> data, List<CsvTokenProblem> problems)
    {
        var records = new List<CsvRecord>();
        var i = data.StartsWith(Bom) ? Bom.Length : 0;
        var row = 0;
        var buffer = new List<byte>();
        while (i < data.Length)
        {
            row++;
            var fields = new List<byte[]>();
            while (true)
            {
                buffer.Clear();
                if (data[i] == (byte)'"')
                {
                    i++;
                    var closed = false;
                    while (i < data.Length)
                    {
                        if (data[i] == (byte)'"')
                        {
                            if (i + 1 < data.Length && data[i + 1] == (byte)'"')
                            {
                                buffer.Add((byte)'"');
                                i += 2;
                                continue;
                            }

                            i++;
                            closed = true;
                            break;
                        }

                        buffer.Add(data[i++]);
                    }

                    if (!closed)
                    {
                        problems.Add(new CsvTokenProblem(row, fields.Count, "a quoted field is never closed (its closing '\"' is missing), so the rest of the file cannot be read"));
                        return records;
                    }

                    if (i < data.Length && !IsEnd(data[i]))
                    {
                        problems.Add(new CsvTokenProblem(row, fields.Count, "has text after its closing '\"' (write a quote inside a quoted field as \"\")"));
                        while (i < data.Length && !IsEnd(data[i]))
                        {
                            i++;
                        }
                    }
                }
                else
                {
                    var stray = false;
                    while (i < data.Length && !IsEnd(data[i]))
                    {
                        stray |= data[i] == (byte)'"';
                        buffer.Add(data[i++]);
                    }

                    if (stray)
                    {
                        problems.Add(new CsvTokenProblem(row, fields.Count, "has a '\"' inside a field that is not quoted (quote the whole field and double the quote)"));
                    }
                }

                fields.Add([.. buffer]);
                if (i < data.Length && data[i] == (byte)',')
                {
                    i++;
                    if (i == data.Length)
                    {
                        fields.Add([]); // "a,b," at the very end ends in an empty field
                        break;
                    }

                    continue;
                }

                break;
            }

            if (i < data.Length && data[i] == (byte)'\r')
            {
                i++;
            }

            if (i < data.Length && data[i] == (byte)'\n')
            {
                i++;
            }

            records.Add(new CsvRecord(row, fields));
        }

        return records;
    }

    private static bool IsEnd(byte b) => b is (byte)',' or (byte)'\r' or (byte)'\n';
}
