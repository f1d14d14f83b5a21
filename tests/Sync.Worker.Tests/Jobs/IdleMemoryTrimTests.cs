using Microsoft.Extensions.Time.Testing;
using Sync.Worker.Jobs;

namespace Sync.Worker.Tests.Jobs;

public sealed class IdleMemoryTrimTests
{
    [Fact]
    public void Trim_WaitsForTheLastRunningPass()
    {
        var trim = new IdleMemoryTrim(new FakeTimeProvider(DateTimeOffset.Parse("2026-12-03T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

        var first = trim.Enter();
        var second = trim.Enter();
        first.Dispose();
        Assert.Equal(0, trim.Trims);

        second.Dispose();
        Assert.Equal(1, trim.Trims);
    }

    [Fact]
    public void Trim_PassesEndingWithinTheInterval_ShareOneCollection()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-03T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var trim = new IdleMemoryTrim(clock);

        trim.Enter().Dispose();
        clock.Advance(IdleMemoryTrim.MinimumInterval - TimeSpan.FromSeconds(1));
        trim.Enter().Dispose();
        Assert.Equal(1, trim.Trims);

        clock.Advance(TimeSpan.FromSeconds(1));
        trim.Enter().Dispose();
        Assert.Equal(2, trim.Trims);
    }
}
