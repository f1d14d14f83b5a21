using Sync.Worker.Configuration;

namespace Sync.Worker.Tests.Configuration;

public sealed class CronSyntaxTests
{
    [Theory]
    [InlineData("*/15 * * * *")]
    [InlineData("0 9-17 * * MON-FRI")]
    [InlineData("30 2 1,15 * *")]
    [InlineData("0 0 L * *")]
    [InlineData("0 0 ? * 5#2")]
    [InlineData("0 0 * JAN,jul 0")]
    [InlineData("*/30 * * * * *")]
    [InlineData("@hourly")]
    [InlineData("@daily")]
    public void Validate_AcceptsWhatHangfireAccepts(string cron)
    {
        Assert.Null(CronSyntax.Validate(cron));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("* * * *", "has 4 field(s)")]
    [InlineData("60 * * * *", "minute field '60' is out of range")]
    [InlineData("* * 0 * *", "day of month field '0' is out of range")]
    [InlineData("* * * 13 *", "month field '13' is out of range")]
    [InlineData("* * * * 8", "day of week field '8' is out of range")]
    [InlineData("*/0 * * * *", "bad step")]
    [InlineData("5-x * * * *", "bad range")]
    [InlineData("1,,2 * * * *", "empty list item")]
    [InlineData("@fortnightly", "not a known cron macro")]
    public void Validate_RejectsWithAReason(string cron, string reason)
    {
        Assert.Contains(reason, CronSyntax.Validate(cron), StringComparison.Ordinal);
    }
}
