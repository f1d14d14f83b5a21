namespace Sync.Worker.Triggers;

/// <summary>
/// Runs <see cref="TriggerQueue.SweepAsync"/> at start and then every <see cref="Interval"/>, so a pending trigger whose
/// job was lost (an in-memory Hangfire storage restarted, a process died between storing a request and enqueueing its
/// run, a run died before waking what waited for it) still runs. Every replica sweeps; one of them enqueues.
/// </summary>
internal sealed partial class TriggerSweeper(TriggerQueue triggers, TimeProvider time, ILogger<TriggerSweeper> logger) : BackgroundService
{
    /// <summary>Longer than <see cref="TriggerQueue.ArmingGrace"/> would add nothing; shorter would only repeat reads.</summary>
    public static readonly TimeSpan Interval = TriggerQueue.ArmingGrace;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var enqueued = await triggers.SweepAsync(stoppingToken);
                if (enqueued > 0)
                {
                    LogSwept(logger, enqueued);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store or Hangfire is unreachable for now; the next sweep tries again.
                LogSweepFailed(logger, ex.GetType().Name, ex.Message.ReplaceLineEndings(" "));
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1610, Level = LogLevel.Information, Message = "Trigger sweep: enqueued {Count} run(s) no live job would have taken")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 1611, Level = LogLevel.Warning, Message = "Trigger sweep failed ({Error}: {Message}); trying again at the next sweep")]
    private static partial void LogSweepFailed(ILogger logger, string error, string message);
}
