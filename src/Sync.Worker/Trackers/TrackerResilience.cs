using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Sync.Worker.Trackers;

/// <summary>
/// The retry/timeout pipeline every tracker HttpClient gets: total timeout, then retries (exponential back-off
/// with jitter, or the tracker's <c>Retry-After</c>), then a per-attempt timeout. Only transient outcomes are
/// retried: 5xx, 408, 429, connection errors, attempt timeouts, and a 403 that carries <c>Retry-After</c>
/// (GitHub's secondary limit). 400/401/403/404/422 are returned at once.
/// </summary>
public static class TrackerResilience
{
    public static IHttpClientBuilder AddTrackerResilience(this IHttpClientBuilder builder, string trackerName, string apiRootPath, TrackerResilienceOptions options)
    {
        builder.AddResilienceHandler("tracker", (pipeline, context) =>
        {
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TrackerResilience).FullName!);
            pipeline.AddTimeout(options.EffectiveTotalTimeout);
            if (options.MaxRetryAttempts > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    Delay = options.EffectiveBaseDelay,
                    MaxDelay = options.EffectiveMaxDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options.EffectiveMaxRetryAfter)),
                    OnRetry = args =>
                    {
                        var request = args.Outcome.Result?.RequestMessage;
                        var method = request?.Method.Method ?? "?";
                        var endpoint = request?.RequestUri is { } uri ? EndpointKinds.Classify(method, uri.AbsolutePath, apiRootPath) : EndpointKinds.Other;
                        var outcome = args.Outcome.Result is { } response
                            ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                            : args.Outcome.Exception?.GetType().Name ?? "unknown";
                        Log.RetryingRequest(logger, trackerName, method, endpoint, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds, outcome);
                        return default;
                    },
                });
            }

            pipeline.AddTimeout(options.EffectiveAttemptTimeout);
        });
        return builder;
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter)
    {
        if (outcome.Result is { } response)
        {
            var limits = RateLimitHeaders.From(response.Headers);
            if (limits.RetryAfter > maxRetryAfter)
            {
                return false; // surfaces as TrackerRateLimitedException; the caller reschedules
            }

            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                return limits.RetryAfter is not null;
            }
        }

        return HttpClientResiliencePredicates.IsTransient(outcome);
    }
}
