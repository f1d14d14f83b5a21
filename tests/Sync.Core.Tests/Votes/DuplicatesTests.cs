using Sync.Core.Trackers;
using Sync.Core.Votes;

namespace Sync.Core.Tests.Votes;

public sealed class DuplicatesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("https://gitlab.example.com/api/v4/projects/5/issues/12", 12L)]
    [InlineData("http://127.0.0.1:5081/gitlab/api/v4/projects/acme%2Fdups/issues/3/", 3L)]
    [InlineData(null, null)]
    [InlineData("https://gitlab.example.com/api/v4/projects/5", null)]
    public void FromLink_ReadsTheCanonicalIssueNumber(string? link, long? expected)
    {
        Assert.Equal(expected, Duplicates.FromLink(link));
    }

    [Fact]
    public void FromComments_TakesTheLatestDuplicateOfLine()
    {
        TrackerComment Comment(long id, string body, int day) => new()
        {
            Id = id, Body = body, Author = new TrackerUser("carol", 3), CreatedAt = T0.AddDays(day),
        };

        Assert.Equal(9, Duplicates.FromComments([Comment(1, "Duplicate of #4", 1), Comment(2, "Oops.\nduplicate of #9", 2)]));
        Assert.Null(Duplicates.FromComments([Comment(1, "Not a duplicate of #4, see below", 1), Comment(2, "see #4", 2)]));
    }
}
