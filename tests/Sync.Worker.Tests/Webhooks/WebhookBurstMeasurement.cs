using System.Diagnostics;
using System.Globalization;
using System.Net;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Webhooks;

/// <summary>
/// A manual measurement, skipped unless <c>ISSUESYNC_WEBHOOK_BURST</c> names a delivery count: that many deliveries with
/// no run in progress, then the Hangfire jobs created and tracker requests made until every job has finished. The
/// line is printed to the test output and appended to <c>ISSUESYNC_WEBHOOK_BURST_REPORT</c> when set.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class WebhookBurstMeasurement(QuietWebhookHost host) : IClassFixture<QuietWebhookHost>
{
    [Fact]
    public async Task Burst_IsMeasured()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("ISSUESYNC_WEBHOOK_BURST"), CultureInfo.InvariantCulture, out var count))
        {
            Assert.Skip("manual measurement: set ISSUESYNC_WEBHOOK_BURST to a delivery count");
        }

        var ct = TestContext.Current.CancellationToken;
        var burst = new WebhookBurst(host);
        await burst.DrainAsync(TimeSpan.FromMinutes(2), ct);
        var jobsBefore = burst.TotalJobs();
        var requestsBefore = await burst.SandboxRequestsAsync(ct);

        var clock = Stopwatch.StartNew();
        var statuses = await burst.SendAsync(count, concurrency: 64, ct);
        var accepted = clock.Elapsed;
        await burst.DrainAsync(TimeSpan.FromMinutes(30), ct);
        var drained = clock.Elapsed;

        var jobs = burst.TotalJobs() - jobsBefore;
        var requests = await burst.SandboxRequestsAsync(ct) - requestsBefore;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{count} deliveries ({statuses.Count(s => s == HttpStatusCode.Accepted)} answered 202) in {accepted.TotalSeconds:0.0} s; drained after {drained.TotalSeconds:0.0} s; Hangfire jobs created: {jobs}; tracker requests: {requests}");
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (Environment.GetEnvironmentVariable("ISSUESYNC_WEBHOOK_BURST_REPORT") is { Length: > 0 } report)
        {
            await File.AppendAllTextAsync(report, line + Environment.NewLine, ct);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Accepted, s));
    }
}
