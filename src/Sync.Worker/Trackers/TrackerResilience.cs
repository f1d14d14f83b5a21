using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Sync.Worker.Trackers;

/// <summary>
/// The retry/timeout pipeline every tracker HttpClient gets: total timeout, then retries (exponential back-off
/// with jitter), then a per-attempt timeout. Only transient outcomes are retried: 5xx, 408, connection errors
/// and attempt timeouts. 429 and 403 are left to <see cref="TrackerLimitRetry"/> (limits are waited for
/// tracker-wide, outside these timeouts); 400/401/404/422 are returned at once.
/// <para>
/// A POST creates something, and a 5xx, a timeout or a connection lost after sending does not say whether the tracker
/// committed it: retried blindly it makes a second issue or comment. So a POST is retried only when it certainly never
/// reached the tracker (the connection could not be opened); otherwise the error goes to the writer, which looks the
/// write up by its marker or name before writing again (<c>Sync.Core.Trackers.WriteOnce</c>). Reads and the
/// idempotent PUT, PATCH and DELETE keep their retries, and so do GraphQL requests (queries, and the two Projects v2
/// mutations IssueSync sends, which GitHub documents as idempotent: adding an item that is there returns it, setting a
/// field sets it).
/// </para>
/// </summary>
internal static class TrackerResilience
{
    public static IHttpClientBuilder AddTrackerResilience(this IHttpClientBuilder builder, string trackerName, string apiRootPath, TrackerResilienceOptions options)
    {
        builder.AddResilienceHandler("tracker", (pipeline, context) =>
        {
            // Every wait of the pipeline runs on the DI clock, so FakeTimeProvider drives it in tests.
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
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
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage(), apiRootPath)),
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

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, string apiRootPath) =>
        outcome.Result?.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden)
        && HttpClientResiliencePredicates.IsTransient(outcome)
        && (request is null || IsRepeatable(request, apiRootPath) || NeverSent(outcome));

    /// <summary>
    /// Set on a GraphQL POST whose mutation creates something each time it runs (GitHub's <c>addDiscussionComment</c>):
    /// a lost answer must not be repeated blindly, as a second comment would follow; the caller finds out what happened.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> OnceOnly = new("IssueSync.OnceOnly");

    /// <summary>Sending it twice has the effect of sending it once.</summary>
    internal static bool IsRepeatable(HttpRequestMessage request, string apiRootPath) =>
        request.Method != HttpMethod.Post
        || (request.RequestUri is { } uri && EndpointKinds.Classify(request.Method.Method, uri.AbsolutePath, apiRootPath) == EndpointKinds.GraphQl
            && !(request.Options.TryGetValue(OnceOnly, out var once) && once));

    /// <summary>The request failed before any byte of it could reach the tracker: no connection, no name, no TLS.</summary>
    internal static bool NeverSent(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError,
        };
}
