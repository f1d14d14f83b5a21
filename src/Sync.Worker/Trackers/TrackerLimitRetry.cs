using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Sync.Worker.Trackers;

/// <summary>
/// The outermost strategy of a tracker HttpClient: retries a limit response (429, or a 403 that signals a
/// limit) a bounded number of times. It adds no delay of its own: the wait the tracker asked for is a
/// tracker-wide pause that <see cref="TrackerLimitsHandler"/> enforces on the retry and on every other request.
/// </summary>
internal static class TrackerLimitRetry
{
    public static IHttpClientBuilder AddTrackerLimitRetry(this IHttpClientBuilder builder, string trackerName, string apiRootPath, TrackerLimitsOptions limits)
    {
        builder.AddResilienceHandler("limits", (pipeline, context) =>
        {
            // Every wait of the pipeline runs on the DI clock, so FakeTimeProvider drives it in tests.
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            if (limits.MaxLimitRetries == 0)
            {
                return;
            }

            var limiter = context.ServiceProvider.GetRequiredKeyedService<TrackerLimiter>(trackerName);
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TrackerLimitRetry).FullName!);
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = limits.MaxLimitRetries,
                Delay = TimeSpan.Zero,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } response && limiter.ShouldRetry(response, out _)),
                OnRetry = args =>
                {
                    if (args.Outcome.Result is { } response)
                    {
                        limiter.ShouldRetry(response, out var wait);
                        var method = response.RequestMessage?.Method.Method ?? "?";
                        var endpoint = response.RequestMessage?.RequestUri is { } uri ? EndpointKinds.Classify(method, uri.AbsolutePath, apiRootPath) : EndpointKinds.Other;
                        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        Log.RetryingRequest(logger, trackerName, method, endpoint, args.AttemptNumber + 1, (long)wait.TotalMilliseconds, status);
                    }

                    return default;
                },
            });
        });
        return builder;
    }
}
