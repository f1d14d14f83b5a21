using Sync.Core.Trackers;
using Sync.Core.Votes;

namespace Sync.Core.Tests.Votes;

public sealed class DuplicatesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ProjectRef Here = new("public", "acme/widget");

    private static readonly Uri Web = new("https://github.com/");

    private static TrackerComment Comment(long id, string body, int day) => new()
    {
        Id = id, Body = body, Author = new TrackerUser("carol", 3), CreatedAt = T0.AddDays(day),
    };

    [Fact]
    public void FromComments_TakesTheLatestDuplicateOfLine()
    {
        Assert.Equal(new IssueRef(Here, 9), Duplicates.FromComments([Comment(1, "Duplicate of #4", 1), Comment(2, "Oops.\nduplicate of #9", 2)], Here, Web));
        Assert.Null(Duplicates.FromComments([Comment(1, "Not a duplicate of #4, see below", 1), Comment(2, "see #4", 2)], Here, Web));
    }

    [Theory]
    [InlineData("Duplicate of #12", "acme/widget", 12L)]
    [InlineData("Duplicate of other-org/other.repo#3", "other-org/other.repo", 3L)]
    [InlineData("Duplicate of https://github.com/acme/gadget/issues/7", "acme/gadget", 7L)]
    [InlineData("Duplicate of https://github.com/acme/gadget/issues/7#issuecomment-1", "acme/gadget", 7L)]
    public void FromComments_NamesTheCanonicalsRepository_NotJustItsNumber(string body, string path, long number)
    {
        Assert.Equal(new IssueRef(Here with { Path = path }, number), Duplicates.FromComments([Comment(1, body, 1)], Here, Web));
    }

    [Theory]
    [InlineData("Duplicate of https://example.com/acme/gadget/issues/7")]
    [InlineData("Duplicate of https://github.com/acme/gadget/pull/7")]
    [InlineData("Duplicate of acme#7")]
    public void FromComments_AnythingElse_IsNoCanonical(string body)
    {
        Assert.Null(Duplicates.FromComments([Comment(1, body, 1)], Here, Web));
    }
}
