using System.Diagnostics;
using Sync.Core.Products;
using Sync.Core.Storage;

namespace Sync.Core.Pipeline;

/// <summary>
/// Runs a product's steps in order under a lease, so two replicas (or a manual trigger during a scheduled run)
/// never work on the same product at once. A failed step stops the later steps of that product.
/// </summary>
public sealed class ProductPipeline(IEnumerable<IPipelineStep> steps, ILeaseStore leases, TimeProvider time)
{
    /// <summary>Long enough for a bulk move; a crashed holder frees the product after it.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(30);

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public static string LeaseName(string productKey) => $"product:{productKey}";

    public async Task<ProductRunSummary> RunAsync(ProductDefinition product, bool dryRun, CancellationToken cancellationToken)
    {
        var journal = new WriteJournal();
        var lease = LeaseName(product.Key);
        if (!await leases.TryAcquireLeaseAsync(lease, _owner, time.GetUtcNow(), LeaseDuration, cancellationToken))
        {
            var busy = new StepRunSummary("lease", StepResult.Empty, $"another run of product '{product.Key}' is in progress", TimeSpan.Zero);
            return new ProductRunSummary(product.Key, product.Public.ToString(), [busy], []);
        }

        try
        {
            var context = new PipelineContext(product, dryRun, journal)
            {
                KeepAliveAsync = ct => leases.TryAcquireLeaseAsync(lease, _owner, time.GetUtcNow(), LeaseDuration, ct),
            };
            var results = new List<StepRunSummary>();
            foreach (var step in steps)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var result = await step.RunAsync(context, cancellationToken);
                    results.Add(new StepRunSummary(step.Name, result, null, Stopwatch.GetElapsedTime(started)));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    results.Add(new StepRunSummary(step.Name, StepResult.Empty, OneLine(ex), Stopwatch.GetElapsedTime(started)));
                    break;
                }
            }

            return new ProductRunSummary(product.Key, product.Public.ToString(), results, journal.Writes);
        }
        finally
        {
            // Release even when cancelled, so a stopped run does not block the product until the lease expires.
            await leases.ReleaseLeaseAsync(lease, _owner, CancellationToken.None);
        }
    }

    private static string OneLine(Exception ex)
    {
        var message = ex.Message.ReplaceLineEndings(" ").Trim();
        return ex is InvalidOperationException or ArgumentException or FormatException
            ? message
            : $"{ex.GetType().Name}: {message}";
    }
}
