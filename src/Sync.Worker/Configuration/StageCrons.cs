using Sync.Core.Pipeline;

namespace Sync.Worker.Configuration;

/// <summary>
/// Binds <c>Products:&lt;key&gt;:Schedule:&lt;CronKey&gt;</c> of every scheduled stage in <see cref="PipelineStages"/>
/// into <see cref="ScheduleOptions"/>, so a stage's cron is configurable, validated and registered without a property per stage.
/// </summary>
internal static class StageCrons
{
    /// <param name="section">The <c>IssueSync</c> section the options were bound from.</param>
    public static void Bind(IConfiguration section, IssueSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var product in section.GetSection("Products").GetChildren())
        {
            if (!options.Products.TryGetValue(product.Key, out var bound))
            {
                continue;
            }

            var schedule = product.GetSection("Schedule");
            foreach (var stage in PipelineStages.Scheduled)
            {
                if (schedule[stage.CronKey!] is { } cron)
                {
                    bound.Schedule.WithCron(stage.CronKey!, cron);
                }
            }
        }
    }

    /// <summary>The configuration key of a stage's cron below a product, e.g. <c>Schedule:Move</c>.</summary>
    public static string KeyOf(StageDescriptor stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return $"Schedule:{stage.CronKey}";
    }
}
