using System.Net;
using Sync.Worker.Tests.Direction;

namespace Sync.Worker.Tests.Releases;

/// <summary>
/// What /direction serves of the notes the releases step wrote (real step, sandbox tracker, same store): the page of a
/// milestone's notes, a link to it from the product's section, and an entry in the product's Atom feed.
/// </summary>
public sealed class ReleaseNotesDirectionTests
{
    [Fact]
    public async Task Notes_AreServedAsAPage_LinkedFromDirection_AndInTheFeed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await ReleaseNotesWorld.CreateAsync("gitlab", ct);
        var release = await world.MilestoneAsync("1.0 <b>", ct);
        var plain = await world.IssueAsync("Dark mode", release, 2, ct, labels: ["feature-request"]);
        var hostile = await world.IssueAsync("<img src=x onerror=alert(1)> \"quoted\" & more", release, 0, ct, labels: ["bug"]);
        await world.PassAsync(ct);
        world.Close(plain);
        world.Close(hostile);
        await world.CloseMilestoneAsync(release, ct);
        await world.PassAsync(ct);
        var notes = Assert.Single(world.NotesIssues());
        await using var server = await DirectionServer.StartAsync(world.Store, new Dictionary<string, string> { ["rel"] = "gitlab:" + ReleaseNotesWorld.Project }, ct);

        using var response = await server.Client.GetAsync("direction/rel/releases/" + Uri.EscapeDataString("1.0 <b>"), ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Release notes: 1.0 &lt;b&gt;</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"title\">Milestone 1.0 &lt;b&gt;: 2 shipped issues.</p>", html, StringComparison.Ordinal);
        var issueUrl = world.Instance.WebUrl + ReleaseNotesWorld.Project + "/-/issues/";
        Assert.Contains($"<h3>feature-request</h3>\n<ul>\n<li><a class=\"issue\" href=\"{issueUrl}{plain}\">#{plain} Dark mode</a> <span class=\"demand\">👍 2 over 2 months</span></li>", html, StringComparison.Ordinal);
        Assert.Contains($"#{hostile} &lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; more</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{issueUrl}{notes.Number}\">Release notes issue</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);

        // Unknown milestone or product: 404 with one line.
        using var unknown = await server.Client.GetAsync("direction/rel/releases/9.9", ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("No release notes for milestone '9.9' of 'rel'.", await unknown.Content.ReadAsStringAsync(ct));
        using var noProduct = await server.Client.GetAsync("direction/nope/releases/1.0", ct);
        Assert.Equal(HttpStatusCode.NotFound, noProduct.StatusCode);
        Assert.Equal("No product 'nope'.", await noProduct.Content.ReadAsStringAsync(ct));

        // /direction links to it from the product's section.
        var page = await server.PageAsync(ct);
        Assert.Contains("<p class=\"releases\">Release notes: <a href=\"direction/rel/releases/1.0%20%3Cb%3E\">1.0 &lt;b&gt;</a></p>", page, StringComparison.Ordinal);

        // The feed has one entry for the notes, dated when they were first written, linking to the page.
        var feed = await server.FeedAsync("rel", ct);
        var entry = feed[feed.IndexOf("<title>Release notes: 1.0 &lt;b&gt;</title>", StringComparison.Ordinal)..];
        entry = entry[..entry.IndexOf("</entry>", StringComparison.Ordinal)];
        Assert.Contains($"<link rel=\"alternate\" type=\"text/html\" href=\"{server.Client.BaseAddress}direction/rel/releases/1.0%20%3Cb%3E\" />", entry, StringComparison.Ordinal);
        Assert.Contains($"<updated>{world.Time.GetUtcNow().UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}</updated>", entry, StringComparison.Ordinal);
        Assert.Contains("<summary type=\"text\">Milestone 1.0 &lt;b&gt;: 2 shipped issues.</summary>", entry, StringComparison.Ordinal);
    }
}
