namespace Sync.Worker.Trackers;

/// <summary>
/// Innermost handler of a tracker's HttpClient: sits below the resilience pipeline, so every attempt
/// (retries included) is counted once.
/// </summary>
internal sealed class RequestAccountingHandler(string trackerName, string apiRootPath, RequestCounter counter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = request.Method.Method;
        var endpoint = EndpointKinds.Classify(method, request.RequestUri?.AbsolutePath ?? "/", apiRootPath);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            counter.Record(trackerName, method, endpoint, (int)response.StatusCode);
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            counter.Record(trackerName, method, endpoint, 0);
            throw;
        }
    }
}
