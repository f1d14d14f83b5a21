using System.Net;
using Sync.Core.Trackers;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Trackers;

public sealed class TrackerAuthHandlerTests
{
    private sealed class Capture : HttpMessageHandler
    {
        public HttpRequestMessage? Last { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Last = request;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    private static async Task<HttpRequestMessage> Send(TrackerKind kind, string url)
    {
        var capture = new Capture();
        using var handler = new TrackerAuthHandler(kind, new Uri("https://api.github.com/"), "tok") { InnerHandler = capture };
        using var invoker = new HttpMessageInvoker(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer stale");
        using var response = await invoker.SendAsync(request, TestContext.Current.CancellationToken);
        return capture.Last!;
    }

    [Fact]
    public async Task Send_ToApiHost_AddsBearerToken()
    {
        var request = await Send(TrackerKind.GitHub, "https://api.github.com/user");

        Assert.Equal("Bearer tok", request.Headers.Authorization?.ToString());
    }

    [Fact]
    public async Task Send_ToOtherHost_StripsCredentials()
    {
        var request = await Send(TrackerKind.GitHub, "https://objects.githubusercontent.com/file");

        Assert.Null(request.Headers.Authorization);
        Assert.False(request.Headers.Contains("PRIVATE-TOKEN"));
    }
}
