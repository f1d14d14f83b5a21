using System.Diagnostics;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Pipeline;

/// <summary>
/// Runs a product's steps in order under a lease, so two replicas (or a manual trigger during a scheduled run)
/// never work on the same product at once. A failed step stops the later steps of that product.
/// </summary>
/// <remarks>
/// The steps run in <see cref="PipelineStages.StepOrder"/>, whatever order they were registered in; the constructor
/// refuses steps that do not match the declared ones (see <see cref="PipelineStages.Order"/>).
/// </remarks>
/// <remarks>
/// The lease is short and renewed by a heartbeat while the run lasts, so a bulk move of any length keeps it, and a
/// process that died frees the product after at most one lease duration.
/// </remarks>
public sealed class ProductPipeline(IEnumerable<IPipelineStep> steps, ILeaseStore leases, TimeProvider time, TimeSpan leaseDuration)
{
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromMinutes(2);

    public ProductPipeline(IEnumerable<IPipelineStep> steps, ILeaseStore leases, TimeProvider time)
        : this(steps, leases, time, DefaultLeaseDuration)
    {
    }

    private readonly IReadOnlyList<IPipelineStep> _steps = PipelineStages.Order(steps);

    public TimeSpan LeaseDuration => leaseDuration;

    private readonly string _process = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
    private long _runs;

    /// <summary>The step a run reports when its claim found nothing left to do (another run took its triggers).</summary>
    public const string ClaimStep = "triggers";

    public static string LeaseName(string productKey) => $"product:{productKey}";

    public Task<ProductRunSummary> RunAsync(ProductDefinition product, bool dryRun, CancellationToken cancellationToken) =>
        RunAsync(product, dryRun, PipelineStages.All, cancellationToken);

    /// <summary>Runs the steps of one <see cref="PipelineStages"/> stage (in pipeline order) under the product's lease.</summary>
    public Task<ProductRunSummary> RunAsync(ProductDefinition product, bool dryRun, string stage, CancellationToken cancellationToken) =>
        RunAsync(product, dryRun, stage, claim: null, cancellationToken);

    /// <summary>Runs one stage under the product's lease, first claiming the work it was asked for.</summary>
    /// <param name="claim">
    /// Called once the lease is held and before the first step (so nothing else can run the product in between): returns
    /// the issues the run was asked about (see <see cref="PipelineContext.RequestedIssues"/>), or null when there is
    /// nothing left to do, in which case the run ends without a step (one <see cref="ClaimStep"/> entry, no error).
    /// </param>
    public async Task<ProductRunSummary> RunAsync(
        ProductDefinition product, bool dryRun, string stage, Func<CancellationToken, Task<IReadOnlySet<IssueRef>?>>? claim, CancellationToken cancellationToken)
    {
        var only = PipelineStages.StepsOf(stage);
        var journal = new WriteJournal();
        var lease = LeaseName(product.Key);
        // Each run is its own owner: two runs in one process (two Hangfire workers) must exclude each other as two replicas do.
        var owner = $"{_process}:run{Interlocked.Increment(ref _runs)}";
        if (!await leases.TryAcquireLeaseAsync(lease, owner, time.GetUtcNow(), LeaseDuration, cancellationToken))
        {
            var busy = new StepRunSummary("lease", StepResult.Empty, $"another run of product '{product.Key}' is in progress", TimeSpan.Zero);
            return new ProductRunSummary(product.Key, product.Public.ToString(), [busy], []);
        }

        using var heartbeatStop = new CancellationTokenSource();
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(lease, owner, leaseLost, heartbeatStop.Token);
        try
        {
            var requested = claim is null ? new HashSet<IssueRef>() : await claim(cancellationToken);
            if (requested is null)
            {
                var idle = new StepRunSummary(ClaimStep, new StepResult(["nothing pending: another run took the triggers"], new Dictionary<string, long>()), null, TimeSpan.Zero);
                return new ProductRunSummary(product.Key, product.Public.ToString(), [idle], []);
            }

            var context = new PipelineContext(product, dryRun, journal)
            {
                KeepAliveAsync = async ct => !leaseLost.IsCancellationRequested
                    && await leases.TryAcquireLeaseAsync(lease, owner, time.GetUtcNow(), LeaseDuration, ct),
                RequestedIssues = requested,
            };
            var results = new List<StepRunSummary>();
            foreach (var step in _steps.Where(s => only is null || only.Contains(s.Name)))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    // The steps write under leaseLost's token: a lease that could not be renewed cancels every write in
                    // flight and every later one, before the lease expires and another run may take the product.
                    var result = await step.RunAsync(context, leaseLost.Token);
                    results.Add(new StepRunSummary(step.Name, result, null, Stopwatch.GetElapsedTime(started)));
                }
                catch (OperationCanceledException) when (leaseLost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    results.Add(new StepRunSummary(step.Name, StepResult.Empty, LeaseLostMessage(product.Key), Stopwatch.GetElapsedTime(started)));
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    results.Add(new StepRunSummary(step.Name, StepResult.Empty, OneLine(ex), Stopwatch.GetElapsedTime(started)));
                    break;
                }
            }

            return new ProductRunSummary(product.Key, product.Public.ToString(), results, journal.Writes) { RequestedIssues = [.. requested] };
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;

            // Release even when cancelled, so a stopped run does not block the product until the lease expires.
            await leases.ReleaseLeaseAsync(lease, owner, CancellationToken.None);
        }
    }

    internal static string LeaseLostMessage(string product) =>
        $"the lease of product '{product}' could not be renewed; the run stopped writing before another run could take over";

    /// <summary>
    /// Renews the lease three times per duration until the run ends. A renewal that fails, throws or takes longer
    /// than a third of the duration cancels <paramref name="leaseLost"/>: by then two thirds of the lease are left, so
    /// the run has stopped writing well before the lease expires and another run may take the product.
    /// </summary>
    private async Task HeartbeatAsync(string lease, string owner, CancellationTokenSource leaseLost, CancellationToken stop)
    {
        var period = leaseDuration / 3;
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                bool renewed;
                try
                {
                    renewed = await leases.TryAcquireLeaseAsync(lease, owner, time.GetUtcNow(), leaseDuration, stop).WaitAsync(period, time, stop);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    renewed = false;
                }

                if (!renewed)
                {
                    await leaseLost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended.
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
