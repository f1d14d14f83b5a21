using System.Text;
using Sync.Worker.Trackers.CsvImport;

namespace Sync.Worker.Tests.Trackers.CsvImport;

/// <summary>The import file's format and every bad-input case, each with its exact one-line error.</summary>
public sealed class CsvIdeaFileTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private const string Header = "title,body,author,created,votes,voters,url";

    private static CsvParseResult Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    private static CsvParseResult Parse(byte[] bytes) => CsvIdeaFile.Parse("ideas.csv", bytes, Now);

    private static string File(params string[] rows) => string.Join("\r\n", rows) + "\r\n";

    [Fact]
    public void Parse_ValidFile_ReadsEveryColumn()
    {
        var result = Parse(File(Header, "Dark mode,Please add it,alice,2026-05-01T10:00:00Z,12,bob;carol,https://feedback.example.com/p/dark-mode"));

        Assert.Empty(result.Errors);
        var idea = Assert.Single(result.Ideas);
        Assert.Equal(2, idea.Row);
        Assert.Equal("Dark mode", idea.Title);
        Assert.Equal("Please add it", idea.Body);
        Assert.Equal("alice", idea.Author);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero), idea.Created);
        Assert.Equal(12, idea.Votes);
        Assert.Equal(["bob", "carol"], idea.Voters);
        Assert.Equal("https://feedback.example.com/p/dark-mode", idea.Url);
    }

    [Fact]
    public void Parse_QuotedFields_KeepCommasQuotesAndLineBreaks_AndRowsCountRecordsNotLines()
    {
        var result = Parse(File(
            "title,body,voters",
            "\"Export, import\",\"Line one\nline \"\"two\"\"\",\"bob\ncarol;dave\"",
            "Second,,"));

        Assert.Empty(result.Errors);
        Assert.Equal("Export, import", result.Ideas[0].Title);
        Assert.Equal("Line one\nline \"two\"", result.Ideas[0].Body);
        Assert.Equal(["bob", "carol", "dave"], result.Ideas[0].Voters);
        Assert.Equal(3, result.Ideas[0].Votes); // no count given: the voters are the votes
        Assert.Equal(3, result.Ideas[1].Row); // the embedded line break does not make a row
    }

    [Fact]
    public void Parse_WithBomAndLfLineEnds_ReadsTheSame()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("Title,Votes\nÜber-Feature,3\n")).ToArray();

        var result = Parse(bytes);

        Assert.Empty(result.Errors);
        Assert.Equal("Über-Feature", Assert.Single(result.Ideas).Title);
    }

    [Fact]
    public void Parse_FiderExport_IsAcceptedWithItsOwnHeaders()
    {
        // The header Fider's app/pkg/csv/csv.go writes, with a row shaped like its testdata.
        var result = Parse(File(
            "number,title,description,created_at,created_by,votes_count,comments_count,status,responded_by,responded_at,response,original_number,original_title,tags",
            "10,Go is fast,Very tiny description,2018-03-23T19:33:22Z,Faceless,4,2,declined,John Snow,2018-04-04T19:48:10Z,Nothing we need to do,,,\"easy, ignored\""));

        Assert.Empty(result.Errors);
        var idea = Assert.Single(result.Ideas);
        Assert.Equal(("Go is fast", "Very tiny description", "Faceless", 4), (idea.Title, idea.Body, idea.Author, idea.Votes));
    }

    [Fact]
    public void Parse_UserVoiceAndCannyNames_MapCaseAndSpaceInsensitively()
    {
        var userVoice = Parse(File("suggestion.title,suggestion.body,suggestion.created_timestamp,suggestion.portal_url", "Idea,Text,2026-01-02 03:04:05,https://x.uservoice.com/i/1"));
        var canny = Parse(File("Title,Details,Author Email,Vote Count,Created Date", "Idea,Text,a@example.com,5,2026-01-02"));

        Assert.Empty(userVoice.Errors);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), userVoice.Ideas[0].Created);
        Assert.Empty(canny.Errors);
        Assert.Equal((5, "a@example.com"), (canny.Ideas[0].Votes, canny.Ideas[0].Author));
    }

    [Theory]
    [InlineData("", "ideas.csv: the file is empty (it needs a header row naming the columns, then one row per idea)")]
    [InlineData("\r\n", "ideas.csv: the file is empty (it needs a header row naming the columns, then one row per idea)")]
    [InlineData("Dark mode,Please,12\r\n", "ideas.csv: row 1: is not a header row: name the columns in the first row (title, body, author, created, votes, voters, url; title is required)")]
    [InlineData("body,votes\r\ntext,3\r\n", "ideas.csv: row 1: the header has no title column (name one of the columns title; known: title, body, author, created, votes, voters, url)")]
    [InlineData("title,priority\r\nA,high\r\n", "ideas.csv: row 1, column 'priority': unknown column (known: title, body, author, created, votes, voters, url, and the vendors' names in docs/csv-import.md)")]
    [InlineData("title,votes,Vote Count\r\nA,1,1\r\n", "ideas.csv: row 1, column 'Vote Count': names the votes column again (as 'votes' does); keep one")]
    [InlineData("title,votes\r\n  ,3\r\n", "ideas.csv: row 2, column 'title': is empty; every idea needs a title")]
    [InlineData("title,created\r\nA,yesterday\r\n", "ideas.csv: row 2, column 'created': 'yesterday' is not a date (use ISO 8601, e.g. 2026-05-01T10:00:00Z)")]
    [InlineData("title,created\r\nA,03/12/2026\r\n", "ideas.csv: row 2, column 'created': '03/12/2026' is not a date (use ISO 8601, e.g. 2026-05-01T10:00:00Z)")]
    [InlineData("title,created\r\nA,2026-12-04T00:00:00Z\r\n", "ideas.csv: row 2, column 'created': '2026-12-04T00:00:00Z' is in the future")]
    [InlineData("title,votes\r\nA,-3\r\n", "ideas.csv: row 2, column 'votes': '-3' is negative")]
    [InlineData("title,votes\r\nA,abc\r\n", "ideas.csv: row 2, column 'votes': 'abc' is not a whole number")]
    [InlineData("title,votes\r\nA,1.5\r\n", "ideas.csv: row 2, column 'votes': '1.5' is not a whole number")]
    [InlineData("title,votes\r\nA,2147483648\r\n", "ideas.csv: row 2, column 'votes': '2147483648' is more than 2147483647")]
    [InlineData("title,votes,voters\r\nA,1,bob;carol\r\n", "ideas.csv: row 2, column 'votes': 1 vote(s) but 2 voter(s) are listed in 'voters'")]
    [InlineData("title,voters\r\nA,bob;Carol Smith\r\n", "ideas.csv: row 2, column 'voters': 'Carol Smith' is not a plausible voter identity (a username or an email address, separated by ';' or line breaks)")]
    [InlineData("title,voters\r\nA,<script>\r\n", "ideas.csv: row 2, column 'voters': '<script>' is not a plausible voter identity (a username or an email address, separated by ';' or line breaks)")]
    [InlineData("title,body\r\nA,\"never closed\r\nB,x\r\n", "ideas.csv: row 2, column 'body': a quoted field is never closed (its closing '\"' is missing), so the rest of the file cannot be read")]
    [InlineData("title,body\r\nA,\"quoted\"tail\r\n", "ideas.csv: row 2, column 'body': has text after its closing '\"' (write a quote inside a quoted field as \"\")")]
    [InlineData("title,body\r\nA,x,y\r\n", "ideas.csv: row 2: has 3 field(s) but the header has 2 (a comma or line break outside quotes?)")]
    [InlineData("title,body\r\nA\r\n", "ideas.csv: row 2: has 1 field(s) but the header has 2 (a comma or line break outside quotes?)")]
    [InlineData("title,url\r\nA,https://x.example/1\r\nB,https://x.example/1\r\n", "ideas.csv: row 3, column 'url': the same idea as row 2 (same url); list each idea once")]
    [InlineData("title,author,created\r\nA,bob,2026-01-01\r\na,BOB,2026-01-01\r\n", "ideas.csv: row 3, column 'title': the same idea as row 2 (same title, author and created date); list each idea once")]
    [InlineData("title,url\r\nA,javascript:alert(1)\r\n", "ideas.csv: row 2, column 'url': 'javascript:alert(1)' is not an http(s) URL")]
    [InlineData("title,url\r\nA,ftp://x.example/1\r\n", "ideas.csv: row 2, column 'url': 'ftp://x.example/1' is not an http(s) URL")]
    [InlineData("title,url\r\nA,/p/relative\r\n", "ideas.csv: row 2, column 'url': '/p/relative' is not an http(s) URL")]
    public void Parse_BadInput_GivesExactlyThisError(string text, string expected)
    {
        var result = Parse(text);

        Assert.Equal([expected], result.Errors);
        Assert.Empty(result.Ideas);
    }

    [Fact]
    public void Parse_TitleOver255Characters_IsRefused_AndExactly255IsAccepted()
    {
        var ok = Parse(File("title", new string('a', 255)));
        var tooLong = Parse(File("title", "ok", new string('é', 256)));

        Assert.Empty(ok.Errors);
        Assert.Equal(["ideas.csv: row 3, column 'title': is 256 characters long, more than 255"], tooLong.Errors);
    }

    [Fact]
    public void Parse_InvalidUtf8_NamesTheRowAndColumn()
    {
        var bytes = Encoding.UTF8.GetBytes("title,body\r\nFine,ok\r\nBroken,")
            .Concat(new byte[] { 0xC3, 0x28, 0xFF })
            .Concat(Encoding.UTF8.GetBytes("\r\n"))
            .ToArray();

        var result = Parse(bytes);

        Assert.Equal(["ideas.csv: row 3, column 'body': is not valid UTF-8 (save the file as UTF-8)"], result.Errors);
    }

    [Fact]
    public void Parse_FileOver10Megabytes_IsRefusedWithoutReadingRows()
    {
        var bytes = new byte[CsvIdeaFile.MaxBytes + 1];
        Array.Fill(bytes, (byte)'a');

        var result = Parse(bytes);

        Assert.Equal(["ideas.csv: the file is 10 MB, more than the 10 MB an import takes (split it)"], result.Errors);
    }

    [Fact]
    public void Parse_MoreThan10000Rows_IsRefused_And10000AreAccepted()
    {
        var ok = Parse(File([.. Enumerable.Range(1, 10_000).Select(i => $"Idea {i}").Prepend("title")]));
        var tooMany = Parse(File([.. Enumerable.Range(1, 10_001).Select(i => $"Idea {i}").Prepend("title")]));

        Assert.Empty(ok.Errors);
        Assert.Equal(10_000, ok.Ideas.Count);
        Assert.Equal(["ideas.csv: the file has 10001 rows of ideas, more than the 10000 an import takes (split it)"], tooMany.Errors);
    }

    [Fact]
    public void Parse_ManyErrors_ReportsEveryOneUpTo50ThenCountsTheRest()
    {
        var rows = Enumerable.Range(1, 60).Select(i => $"Idea {i},x{i}").Prepend("title,votes").ToArray();

        var result = Parse(File(rows));

        Assert.Equal(51, result.Errors.Count);
        Assert.Equal("ideas.csv: row 2, column 'votes': 'x1' is not a whole number", result.Errors[0]);
        Assert.Equal("ideas.csv: row 51, column 'votes': 'x50' is not a whole number", result.Errors[49]);
        Assert.Equal("ideas.csv: and 10 more", result.Errors[50]);
        Assert.Empty(result.Ideas);
    }

    [Fact]
    public void Parse_SeveralProblemsInOneFile_AreAllReported()
    {
        var result = Parse(File("title,votes,url", ",3,https://x.example/1", "B,-1,mailto:a@b.c"));

        Assert.Equal(
            [
                "ideas.csv: row 2, column 'title': is empty; every idea needs a title",
                "ideas.csv: row 3, column 'votes': '-1' is negative",
                "ideas.csv: row 3, column 'url': 'mailto:a@b.c' is not an http(s) URL",
            ],
            result.Errors);
    }

    [Fact]
    public void Parse_ValueWithControlCharacters_IsQuotedSafelyInTheError()
    {
        var result = Parse("title,votes\r\nA,\"1\u001b[31m\"\r\n");

        Assert.Equal(["ideas.csv: row 2, column 'votes': '1?[31m' is not a whole number"], result.Errors);
    }
}
