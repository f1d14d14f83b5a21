using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Hangfire;
using Sync.Worker.Tests.Dashboard;

namespace Sync.Worker.Tests.Webhooks;

/// <summary>
/// Many signed GitHub deliveries about <see cref="IssueCount"/> issues of product widget, sent concurrently to the real
/// endpoint: three in four name a public issue (stage rice), one in four an issue of the private source
/// <c>acme/widget-private</c> (stage move). Each body differs (its <c>updated_at</c>), as real events do, so none is
/// taken for a replay. Also counts what a burst costs: Hangfire jobs and requests the sandbox trackers received.
/// </summary>
internal sealed class WebhookBurst(WebhookHost host)
{
    public const int IssueCount = 40;
    public const int PublicIssues = 30;
    public const string Product = "widget";
    public const string PublicProject = "acme/widget";
    public const string PrivateProject = "acme/widget-private";

    /// <summary>The issue delivery <paramref name="index"/> names: public #1–#30, private #1–#10, round robin.</summary>
    public static (string Path, int Number) IssueOf(int index)
    {
        var slot = index % IssueCount;
        return slot < PublicIssues ? (PublicProject, slot + 1) : (PrivateProject, slot - PublicIssues + 1);
    }

    /// <summary>Sends <paramref name="count"/> deliveries, <paramref name="concurrency"/> at a time; returns every status.</summary>
    public async Task<IReadOnlyList<HttpStatusCode>> SendAsync(int count, int concurrency, CancellationToken cancellationToken)
    {
        var web = new Uri(host.Sandbox, "github/").ToString();
        var statuses = new HttpStatusCode[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var (path, number) = IssueOf(i);
                var updated = new DateTimeOffset(2024, 6, 2, 10, 0, 0, TimeSpan.Zero).AddSeconds(i)
                    .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                var body = WebhookPayloads.Fill(WebhookPayloads.GitHubIssues, web, path, number)
                    .Replace("\"updated_at\": \"2024-06-02T10:00:00Z\"", $"\"updated_at\": \"{updated}\"", StringComparison.Ordinal);
                using var response = await host.PostGitHubAsync("issues", body);
                statuses[i] = response.StatusCode;
            });
        return statuses;
    }

    /// <summary>Every request the three sandbox trackers received so far (their own count, over the admin endpoint).</summary>
    public async Task<long> SandboxRequestsAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = host.Sandbox };
        using var request = new HttpRequestMessage(HttpMethod.Get, "_sandbox/stats");
        request.Headers.Add("X-Sandbox-Admin", "sandbox-admin");
        using var response = await client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.GetProperty("instances").EnumerateObject()
            .Sum(instance => instance.Value.EnumerateObject().Sum(endpoint => endpoint.Value.GetInt64()));
    }

    /// <summary>Every job Hangfire knows, whatever its state (each job is counted in one state at a time).</summary>
    public long TotalJobs()
    {
        var s = host.Host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().GetStatistics();
        return s.Enqueued + s.Scheduled + s.Processing + s.Succeeded + s.Failed + s.Deleted;
    }

    /// <summary>Waits until no job is enqueued, scheduled or processing on three polls in a row.</summary>
    public async Task<TimeSpan> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var monitoring = host.Host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var waited = Stopwatch.StartNew();
        var quiet = 0;
        while (quiet < 3)
        {
            var s = monitoring.GetStatistics();
            quiet = s.Enqueued + s.Processing + s.Scheduled == 0 ? quiet + 1 : 0;
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"jobs still running after {timeout}: {s.Enqueued} enqueued, {s.Processing} processing, {s.Scheduled} scheduled");
            }

            await Task.Delay(200, cancellationToken);
        }

        return waited.Elapsed;
    }
}

/// <summary>A webhook host whose recurring runs are a year apart, so nothing but the test's deliveries starts a run.</summary>
public sealed class QuietWebhookHost() : WebhookHost(ProtectedDashboardHost.YearlySchedules);
