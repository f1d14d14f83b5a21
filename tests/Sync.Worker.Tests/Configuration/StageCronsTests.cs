using Microsoft.Extensions.Configuration;
using Sync.Core.Pipeline;
using Sync.Worker.Configuration;

namespace Sync.Worker.Tests.Configuration;

/// <summary>Each stage's cron is read from <c>Schedule:&lt;CronKey&gt;</c> the way the worker binds it, else the descriptor's default.</summary>
public sealed class StageCronsTests
{
    private static ScheduleOptions ScheduleOf(params (string Key, string? Value)[] schedule)
    {
        var values = new Dictionary<string, string?> { ["IssueSync:Products:widget:Public"] = "pub:acme/widget" };
        foreach (var (key, value) in schedule)
        {
            values[$"IssueSync:Products:WIDGET:Schedule:{key}"] = value;
        }

        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(IssueSyncOptions.SectionName);
        var options = new IssueSyncOptions();
        section.Bind(options);
        StageCrons.Bind(section, options);
        return options.Products["widget"].Schedule;
    }

    [Fact]
    public void Unset_IsTheDescriptorsDefault()
    {
        var schedule = ScheduleOf();

        Assert.Equal(
            ["*/15 * * * *", "*/15 * * * *", "0 * * * *", "*/30 * * * *", "0 * * * *", "30 * * * *"],
            PipelineStages.Scheduled.Select(schedule.CronOf));
    }

    [Fact]
    public void Set_IsTheConfiguredCron_AndEmptyTurnsTheStageOff_KeysAreCaseInsensitive()
    {
        var schedule = ScheduleOf(("Move", "*/5 * * * *"), ("votes", ""), ("ROADMAP", "@daily"), ("releases", "@weekly"), ("TimeZone", "Europe/Berlin"));

        Assert.Equal(
            ["*/5 * * * *", "", "0 * * * *", "*/30 * * * *", "@daily", "@weekly"],
            PipelineStages.Scheduled.Select(schedule.CronOf));
        Assert.Equal("Europe/Berlin", schedule.TimeZone);
    }
}
