using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Worker.Configuration;

namespace Sync.Worker.Jobs;

/// <summary>
/// Registers one recurring job per configured product and scheduled stage (<see cref="PipelineStages.Scheduled"/>) from
/// validated options (cron + time zone), and removes the ones of products and stages that are no longer scheduled.
/// Idempotent, so every replica may run it.
/// </summary>
internal sealed class RecurringJobRegistrar(
    IRecurringJobManager manager,
    JobStorage storage,
    IOptions<IssueSyncOptions> options,
    ProductCatalog catalog,
    ILogger<RecurringJobRegistrar> logger) : IHostedService
{
    public const string Prefix = "product:";

    public static string JobId(string productKey, string stage) => $"{Prefix}{productKey}:{stage}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, product) in options.Value.Products)
        {
            IssueSyncOptionsValidator.TryFindTimeZone(product.Schedule.TimeZone, out var zone);
            foreach (var (stage, cron) in StagesOf(catalog.Get(key), product.Schedule))
            {
                var id = JobId(key, stage);
                wanted.Add(id);
                manager.AddOrUpdate<ProductPipelineJob>(
                    id,
                    job => job.RunAsync(key, stage, CancellationToken.None),
                    cron,
                    new RecurringJobOptions { TimeZone = zone });
                Log.RecurringJobRegistered(logger, id, cron, zone.Id);
            }
        }

        using var connection = storage.GetConnection();
        foreach (var job in connection.GetRecurringJobs())
        {
            if (job.Id.StartsWith(Prefix, StringComparison.Ordinal) && !wanted.Contains(job.Id))
            {
                manager.RemoveIfExists(job.Id);
                Log.RecurringJobRemoved(logger, job.Id);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The stages a product schedules: those it enables (RICE and the roadmap only when on); an empty cron turns one off.</summary>
    public static IEnumerable<(string Stage, string Cron)> StagesOf(ProductDefinition product, ScheduleOptions schedule)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(schedule);
        return PipelineStages.Scheduled
            .Where(stage => stage.IsEnabled(product))
            .Select(stage => (stage.Name, schedule.CronOf(stage)))
            .Where(s => !string.IsNullOrWhiteSpace(s.Item2));
    }
}
