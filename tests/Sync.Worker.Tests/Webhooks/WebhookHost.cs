using System.Net.Http.Headers;
using System.Text;
using Hangfire;
using Hangfire.Common;
using Sync.Worker.Jobs;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Webhooks;

namespace Sync.Worker.Tests.Webhooks;

/// <summary>One real worker (sandbox trackers, Kestrel, Hangfire server) shared by the webhook tests of a class.</summary>
public partial class WebhookHost : IAsyncLifetime
{
    public WebhookHost()
        : this([])
    {
    }

    /// <param name="configuration">Command-line settings added after the webhook ones.</param>
    protected WebhookHost(string[] configuration) => _configuration = configuration;

    public const string GitHubSecret = "github-webhook-secret-for-tests";
    public const string GitLabSecret = "gitlab-webhook-secret-for-tests";
    public const int MaxBodyBytes = 8192;

    private readonly string[] _configuration;
    private readonly CancellationTokenSource _stop = new();
    private readonly InProcessApp _app = new();
    private Task<int>? _run;

    public WebApplication Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The sandbox's root; its trackers serve web pages under <c>github/</c>, <c>gitlab/</c> and <c>gitlab-dev/</c>.</summary>
    public Uri Sandbox { get; private set; } = null!;

    public string Output => _app.Output.ToString() + _app.Error;

    public async ValueTask InitializeAsync()
    {
        var started = new TaskCompletionSource<WebApplication>(TaskCreationOptions.RunContinuationsAsynchronously);
        _run = _app.RunAsync(
            [
                "--sandbox", "--sandbox-port", "0", "--urls", "http://127.0.0.1:0",
                $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("webhooks.db")}",
                $"--IssueSync:Webhooks:GitHubSecret={GitHubSecret}",
                $"--IssueSync:Webhooks:GitLabSecret={GitLabSecret}",
                $"--IssueSync:Webhooks:MaxBodyBytes={MaxBodyBytes}",
                .. _configuration,
            ],
            started.SetResult,
            _stop.Token);
        Host = await started.Task.WaitAsync(TimeSpan.FromSeconds(90));
        var lines = _app.Output.ToString().Split('\n');
        var baseUrl = lines.First(l => l.StartsWith("IssueSync dashboard:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[2].Replace("/hangfire", string.Empty, StringComparison.Ordinal);
        Sandbox = new Uri(lines.First(l => l.StartsWith("Sandbox trackers at ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]);
        Http = new HttpClient { BaseAddress = new Uri(baseUrl) };

        // The demo's start-up runs (every stage of both products) finish first, so a resync runs its stage rather than
        // finding the product busy.
        var monitoring = Host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (monitoring.SucceededListCount() + monitoring.FailedCount() < 2 && waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Http.Dispose();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    public Task<HttpResponseMessage> PostGitHubAsync(string eventName, string body, string? deliveryId = null, string? signature = null, bool sign = true)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = Json(bytes) };
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId ?? Guid.NewGuid().ToString());
        request.Headers.Add("User-Agent", "GitHub-Hookshot/044aadd");
        if (sign)
        {
            request.Headers.Add("X-Hub-Signature-256", signature ?? GitHubWebhookSigner.Sign(bytes, GitHubSecret));
        }

        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> PostGitLabAsync(string eventName, string body, string? token = GitLabSecret, string? eventUuid = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/gitlab") { Content = Json(Encoding.UTF8.GetBytes(body)) };
        request.Headers.Add("X-Gitlab-Event", eventName);
        request.Headers.Add("X-Gitlab-Event-UUID", eventUuid ?? Guid.NewGuid().ToString());
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        request.Headers.Add("User-Agent", "GitLab/17.6.0");
        if (token is not null)
        {
            request.Headers.Add("X-Gitlab-Token", token);
        }

        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static ByteArrayContent Json(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
