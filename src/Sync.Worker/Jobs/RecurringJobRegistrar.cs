using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;
using Sync.Worker.Configuration;

namespace Sync.Worker.Jobs;

/// <summary>
/// Registers one recurring pipeline job per configured product from validated options (cron + time zone), and
/// removes the ones of products that are no longer configured. Idempotent, so every replica may run it.
/// </summary>
public sealed class RecurringJobRegistrar(
    IRecurringJobManager manager,
    JobStorage storage,
    IOptions<IssueSyncOptions> options,
    ILogger<RecurringJobRegistrar> logger) : IHostedService
{
    public const string Prefix = "product:";

    public static string JobId(string productKey) => $"{Prefix}{productKey}:pipeline";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, product) in options.Value.Products)
        {
            var id = JobId(key);
            wanted.Add(id);
            IssueSyncOptionsValidator.TryFindTimeZone(product.Schedule.TimeZone, out var zone);
            manager.AddOrUpdate<ProductPipelineJob>(
                id,
                job => job.RunAsync(key, CancellationToken.None),
                product.Schedule.Pipeline,
                new RecurringJobOptions { TimeZone = zone });
            Log.RecurringJobRegistered(logger, id, product.Schedule.Pipeline, zone.Id);
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
}
