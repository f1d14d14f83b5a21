using System.Net;
using Sync.Core.Releases;
using Sync.Worker.Tests.Dashboard;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Releases;

/// <summary>The demo's worker with release notes on for its product widget.</summary>
public sealed class ReleasesDashboardHost() : PagesDashboardHost(["--IssueSync:Products:widget:ReleaseNotes:Enabled=true"]);

/// <summary>The Releases page over the real host: a request recorded and a releases run asked for, the refusals, cross-site.</summary>
[Collection(HostCollection.Name)]
public sealed class ReleasesPageTests(ReleasesDashboardHost host) : IClassFixture<ReleasesDashboardHost>
{
    private const string Route = "/hangfire/issuesync/releases";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<bool> RequestedOrDraftedAsync(string milestone) =>
        (await ReleaseNotesRequest.LoadAsync(host.Store, "widget", Ct)).Any(r => r.Milestone == milestone)
        || (await ReleaseNotesState.LoadAsync(host.Store, "widget", Ct)).Values.Any(s => s.Draft?.Milestone == milestone);

    [Fact]
    public async Task Request_RecordsItAndAsksForTheReleasesStage_AndShowsTheOutcome()
    {
        await host.WaitForStartupRunsAsync(Ct);
        using var client = host.SignedIn();
        var jobs = host.TotalJobs();

        var page = await client.GetStringAsync(Route, Ct);
        Assert.Contains($"href=\"{Route}\"", page, StringComparison.Ordinal); // the menu entry
        Assert.Contains("id=\"issuesync-releases-request\"", page, StringComparison.Ordinal);

        using var posted = await client.PostAsync(Route + "/request", new FormUrlEncodedContent([new("product", "widget"), new("milestone", "v2.5")]), Ct);
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var done = await client.GetStringAsync(posted.Headers.Location, Ct);

        Assert.Contains("Release notes of v2.5 requested; the releases stage", done, StringComparison.Ordinal);
        Assert.Equal(jobs + 1, host.TotalJobs());
        Assert.True(await RequestedOrDraftedAsync("v2.5"));
    }

    [Fact]
    public async Task Request_UnknownProductOrNoMilestone_IsRefused_AndEncodesWhatItEchoes()
    {
        await host.WaitForStartupRunsAsync(Ct);
        using var client = host.SignedIn();
        var jobs = host.TotalJobs();

        using var product = await client.PostAsync(Route + "/request", new FormUrlEncodedContent([new("product", "gadget"), new("milestone", "v1")]), Ct);
        using var empty = await client.PostAsync(Route + "/request", new FormUrlEncodedContent([new("product", "widget"), new("milestone", " ")]), Ct);

        Assert.Contains("refused=product", product.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("refused=milestone", empty.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("That product drafts no release notes.", await client.GetStringAsync(product.Headers.Location, Ct), StringComparison.Ordinal);
        Assert.Equal(jobs, host.TotalJobs());

        var echoed = await client.GetStringAsync(Route + "?requested=%3Cscript%3Ex%3C%2Fscript%3E&run=queued", Ct);
        Assert.Contains("Release notes of &lt;script&gt;x&lt;/script&gt; requested", echoed, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>x", echoed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_PostedFromAnotherSite_IsRefused_AndRecordsNothing()
    {
        await host.WaitForStartupRunsAsync(Ct);
        using var client = host.SignedIn();
        var jobs = host.TotalJobs();
        using var request = new HttpRequestMessage(HttpMethod.Post, Route + "/request") { Content = new FormUrlEncodedContent([new("product", "widget"), new("milestone", "cross-site")]) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await RequestedOrDraftedAsync("cross-site"));
        Assert.Equal(jobs, host.TotalJobs());
    }
}
