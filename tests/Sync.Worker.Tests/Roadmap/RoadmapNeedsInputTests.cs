using System.Text.Json;
using System.Xml.Linq;
using Sync.Core.Roadmap;
using Sync.Worker.Tests.Direction;

namespace Sync.Worker.Tests.Roadmap;

/// <summary>
/// With RICE on, open requests that lack RICE inputs are on every public surface of the roadmap (the issue, /direction,
/// /direction.json) by demand instead of dropped; when an item entered Now is kept across passes for the Atom feed; and
/// /direction plots the stored vote snapshots.
/// </summary>
public sealed class RoadmapNeedsInputTests
{
    private static readonly Dictionary<string, string> Products = new() { [RoadmapWorld.ProductKey] = RoadmapWorld.PublicProject };

    [Fact]
    public async Task Rebuild_LeavesVotingCandidatesOff_UntilTheLifecycleMovesThemToTheBacklog()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await RoadmapWorld.CreateAsync(new RoadmapRules(), ct, new Sync.Core.Lifecycle.LifecycleRules());
        var candidate = world.Issue("Offline mode", 9, labels: ["feature-request", "candidate::voting"]);
        var request = world.Issue("Dark mode", 2, labels: ["feature-request"]);

        await world.PassAsync(ct);

        Assert.DoesNotContain("Offline mode", world.RoadmapBody(), StringComparison.Ordinal);
        Assert.Contains($"#{request} Dark mode", world.RoadmapBody(), StringComparison.Ordinal);

        var issue = world.Instance.Issue(RoadmapWorld.Project, candidate);
        issue.Labels.Remove("candidate::voting");
        issue.Labels.Add("candidate::backlog");
        issue.UpdatedAt = world.Time.GetUtcNow().AddSeconds(1);
        world.Time.Advance(TimeSpan.FromSeconds(5));
        await world.PassAsync(ct);

        Assert.Contains($"#{candidate} Offline mode", world.RoadmapBody(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rebuild_LeavesTheReleaseNotesIssueOff()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await RoadmapWorld.CreateAsync(new RoadmapRules(), ct);
        var notes = world.Instance.AddIssue(RoadmapWorld.Project, "Release notes: v2.3", "Shipped.\n\n" + Sync.Core.Releases.ReleaseNotesText.Marker(RoadmapWorld.ProductKey, 7), [], "issuesync-bot", createdAt: RoadmapWorld.Noon).Number;
        world.Instance.AddAward(RoadmapWorld.Project, notes, "thumbsup", "a-fan", at: RoadmapWorld.Noon);
        var request = world.Issue("Dark mode", 2);

        await world.PassAsync(ct);

        Assert.DoesNotContain("Release notes", world.RoadmapBody(), StringComparison.Ordinal);
        Assert.Contains($"#{request} Dark mode", world.RoadmapBody(), StringComparison.Ordinal);
        Assert.Empty(world.BoardLabels(notes));
    }

    [Fact]
    public async Task Rebuild_RequestsWithoutRiceInputs_AreListedByDemand_AndEnteredNowIsCarriedAcrossPasses()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await RoadmapWorld.CreateAsync(new RoadmapRules { NowSize = 1, NextSize = 1, LaterSize = 0 }, ct);
        var darkMode = world.Issue("Dark mode", 2, labels: ["impact::2", "effort::1"]); // RICE 2 × 2 × 0.5 ÷ 1 = 2
        var sso = world.Issue("SSO", 5);
        var typo = world.Issue("Typo fix", 1);
        var fax = world.Issue("Fax support", 5);

        await world.PassAsync(ct);
        var firstAt = world.Time.GetUtcNow();

        // SSO and fax tie on votes: the lower number first; nothing of theirs is dropped. Every vote was given two days
        // ago, so the first pass already reads them as this week's (its history comes from when the reactions were given).
        var body = world.RoadmapBody();
        var section = body[body.IndexOf("## Needs input", StringComparison.Ordinal)..body.IndexOf("## Recently shipped", StringComparison.Ordinal)];
        Assert.Equal(
            [$"#{sso} SSO", $"#{fax} Fax support", $"#{typo} Typo fix"],
            section.Split('\n').Where(l => l.StartsWith("| [#", StringComparison.Ordinal)).Select(l => l[3..l.IndexOf(']', StringComparison.Ordinal)]));
        Assert.Contains($"| [#{sso} SSO](https://gitlab.example/acme/road/-/issues/{sso}) | 5 votes (👍, +5 this week) |", section, StringComparison.Ordinal);
        Assert.Contains("| 1 vote (👍, +1 this week) |", section, StringComparison.Ordinal);
        Assert.Contains($"[#{darkMode} Dark mode]", body[..body.IndexOf("## Next", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Empty(world.BoardLabels(sso)); // listed, but not planned: no board label
        Assert.Equal(["roadmap::now"], world.BoardLabels(darkMode));

        // Nothing changed: the same text, no write, and Dark mode keeps the time it entered Now.
        var (writes, result) = await world.PassAsync(ct);
        Assert.Empty(writes);
        Assert.Equal(body, world.RoadmapBody());
        Assert.Contains(result.Lines, l => l.EndsWith("shipped 0, needs input 3", StringComparison.Ordinal));
        var kept = (await ProductRoadmap.LoadAsync(world.Store, RoadmapWorld.ProductKey, ct))!;
        Assert.Equal(firstAt, kept.In(RoadmapSection.Now).Single().EnteredNowAt);

        // A PM adds SSO's inputs (RICE 5 × 3 × 0.5 = 7.5) and Dark mode gets one more vote: SSO enters Now, Dark mode
        // moves to Next and now has two snapshots, a trend.
        world.Time.Advance(TimeSpan.FromDays(2)); // two days later, so the plots span more than a day
        var issue = world.Instance.Issue(RoadmapWorld.Project, sso);
        issue.Labels.AddRange(["impact::3", "effort::1"]);
        issue.UpdatedAt = world.Time.GetUtcNow();
        world.Instance.AddAward(RoadmapWorld.Project, darkMode, "thumbsup", "late-voter", at: world.Time.GetUtcNow());
        await world.PassAsync(ct);
        var thirdAt = world.Time.GetUtcNow();

        var roadmap = (await ProductRoadmap.LoadAsync(world.Store, RoadmapWorld.ProductKey, ct))!;
        var now = roadmap.In(RoadmapSection.Now).Single();
        Assert.Equal((sso, thirdAt), (now.Number, now.EnteredNowAt));
        Assert.Equal([darkMode], roadmap.In(RoadmapSection.Next).Select(i => i.Number));
        Assert.Null(roadmap.In(RoadmapSection.Next).Single().EnteredNowAt);
        Assert.Equal([fax, typo], roadmap.In(RoadmapSection.NeedsInput).Select(i => i.Number));
        Assert.DoesNotContain($"#{sso} SSO", world.RoadmapBody()[world.RoadmapBody().IndexOf("## Needs input", StringComparison.Ordinal)..], StringComparison.Ordinal);

        await using var direction = await DirectionServer.StartAsync(world.Store, Products, ct, world.Time);
        var page = await direction.PageAsync(ct);
        var next = DirectionPageTests.Column(page, "next");
        Assert.Contains("<span aria-hidden=\"true\">👍</span> 3 votes", next, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"trend\"", next, StringComparison.Ordinal);
        // Its history starts before its votes (read from when they were given on its first count): none as the
        // 90-day window opens, 3 today.
        Assert.Matches(@"Voters: 0 on 2026-03-\d\d, 3 on 2026-06-03", next);

        // SSO's count never changed after its first pass, and its history from before reads none until its votes.
        Assert.Matches(@"Voters: 0 on 2026-03-\d\d, 5 on 2026-06-03", DirectionPageTests.Column(page, "now"));
        var waiting = DirectionPageTests.NeedsInput(page, RoadmapWorld.ProductKey);
        Assert.True(waiting.IndexOf($"#{fax} Fax support", StringComparison.Ordinal) < waiting.IndexOf($"#{typo} Typo fix", StringComparison.Ordinal), waiting);

        using var json = JsonDocument.Parse(await direction.JsonAsync(ct));
        var product = json.RootElement.GetProperty("products")[0];
        Assert.Equal([(long)fax, typo], product.GetProperty("needsInput").EnumerateArray().Select(i => i.GetProperty("number").GetInt64()));
        Assert.Equal(0, product.GetProperty("needsInputMore").GetInt32());

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await direction.FeedAsync(RoadmapWorld.ProductKey, ct));
        var entry = Assert.Single(feed.Root!.Elements(atom + "entry"));
        Assert.Equal($"Now: #{sso} SSO", entry.Element(atom + "title")!.Value);
        Assert.Equal(thirdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), entry.Element(atom + "updated")!.Value);
    }

    [Fact]
    public async Task NeedsInput_TitleCarryingASecret_IsRedactedOnEveryPublicSurface()
    {
        // Assembled, so no scanner flags this file: a GitLab personal access token (gitleaks' gitlab-pat rule).
        var token = "glpat" + "-" + "Zq8vN2mXk4LpR7tYw3Hs";
        var ct = TestContext.Current.CancellationToken;
        await using var world = await RoadmapWorld.CreateAsync(new RoadmapRules { NowSize = 1, NextSize = 0, LaterSize = 0 }, ct);
        world.Issue("Dark mode", 2, labels: ["impact::2", "effort::1"]);
        var leaky = world.Issue($"Login fails with {token} pasted", 3); // no RICE inputs: listed under Needs input

        await world.PassAsync(ct);

        var body = world.RoadmapBody();
        var section = body[body.IndexOf("## Needs input", StringComparison.Ordinal)..];
        Assert.Contains($"[#{leaky} Login fails with \\[REDACTED\\] pasted](", section, StringComparison.Ordinal); // Markdown-escaped brackets
        await using var direction = await DirectionServer.StartAsync(world.Store, Products, ct, world.Time);
        foreach (var surface in new[] { body, await direction.PageAsync(ct), await direction.JsonAsync(ct), await direction.FeedAsync(RoadmapWorld.ProductKey, ct) })
        {
            Assert.DoesNotContain(token, surface, StringComparison.Ordinal);
        }

        Assert.Contains("Login fails with [REDACTED] pasted", await direction.PageAsync(ct), StringComparison.Ordinal);
    }
}
