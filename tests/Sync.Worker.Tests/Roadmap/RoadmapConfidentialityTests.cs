using System.Text.Json;
using Sync.Core.Roadmap;
using Sync.Worker.Tests.Direction;

namespace Sync.Worker.Tests.Roadmap;

/// <summary>
/// Confidential issues of a GitLab public project (listed because IssueSync's token is a member) reach none of the
/// roadmap's public surfaces: the roadmap issue, the <c>roadmap::*</c> labels and so the board lists, and
/// <c>/direction</c> and <c>/direction.json</c> served over loopback.
/// </summary>
public sealed class RoadmapConfidentialityTests
{
    private const string LeakTitle = "Token leak in login";
    private const string EmbargoTitle = "Embargoed CVE fix";

    private static readonly RoadmapRules Rules = new() { NowSize = 1, NextSize = 1, LaterSize = 1 };

    private static readonly Dictionary<string, string> Products = new() { [RoadmapWorld.ProductKey] = RoadmapWorld.PublicProject };

    private sealed record Numbers(int DarkMode, int Sso, int Export, int Typo, int Search);

    // RICE: dark mode 5 × 2 × 0.8 ÷ 1 = 8, SSO 4, export 3, typo 1; sizes 1/1/1 leave the typo off; search shipped.
    private static Numbers SeedPublic(RoadmapWorld world)
    {
        var darkMode = world.Issue("Dark mode", 5, labels: ["impact::2", "confidence::80", "effort::1"]);
        var sso = world.Issue("SSO", 4, labels: ["impact::1", "confidence::100", "effort::1"]);
        var export = world.Issue("Export", 3, labels: ["impact::1", "confidence::100", "effort::1"]);
        var typo = world.Issue("Typo fix", 1, labels: ["impact::1", "confidence::100", "effort::1"]);
        var search = world.Issue("Search", 2);
        world.Close(search, RoadmapWorld.Noon.AddDays(-3));
        return new Numbers(darkMode, sso, export, typo, search);
    }

    [Fact]
    public async Task Rebuild_ConfidentialIssuesThatWouldRankFirstAndShip_AreOnNoPublicSurface_AndChangeNoWrite()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await RoadmapWorld.CreateAsync(Rules, ct);
        await using var twin = await RoadmapWorld.CreateAsync(Rules, ct); // the same project without the confidential issues
        var n = SeedPublic(world);
        SeedPublic(twin);
        var leak = world.Issue(LeakTitle, 20, confidential: true, labels: ["impact::3", "confidence::100", "effort::0.5"]); // 120: top
        var embargo = world.Issue(EmbargoTitle, 9, confidential: true);
        world.Close(embargo, RoadmapWorld.Noon.AddDays(-1));

        var (writes, result) = await world.PassAsync(ct);
        var (twinWrites, _) = await twin.PassAsync(ct);

        // The roadmap issue is byte for byte the one of the project without them, made with exactly the same writes.
        var body = world.RoadmapBody();
        Assert.Equal(twin.RoadmapBody(), body);
        Assert.Equal(twinWrites, writes);
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["POST /projects/:id/issues"] = 1, ["POST /projects/:id/labels"] = 3, ["PUT /projects/:id/issues/:iid"] = 3,
                ["POST /projects/:id/boards"] = 1, ["POST /projects/:id/boards/:board_id/lists"] = 3,
            },
            writes);
        Assert.Contains($"#{n.DarkMode} Dark mode", body, StringComparison.Ordinal);
        Assert.Contains($"#{n.Search} Search", body, StringComparison.Ordinal);
        AssertNeverMentioned(body, leak, embargo);

        // No board label, so on no board list; RICE still scores the issue inside it (its label stays in the issue).
        Assert.Empty(world.BoardLabels(leak));
        Assert.Empty(world.BoardLabels(embargo));
        Assert.Equal([n.DarkMode], world.BoardList("roadmap::now"));
        Assert.Equal([n.Sso], world.BoardList("roadmap::next"));
        Assert.Equal([n.Export], world.BoardList("roadmap::later"));
        Assert.Contains("rice::top", world.Instance.Issue(RoadmapWorld.Project, leak).Labels);
        Assert.Contains(result.Lines, l => l.EndsWith("listed in full; 2 confidential issue(s) left off the roadmap", StringComparison.Ordinal));

        await using var direction = await DirectionServer.StartAsync(world.Store, Products, ct);
        var json = await direction.JsonAsync(ct);
        var page = await direction.PageAsync(ct);
        AssertNeverMentioned(json, leak, embargo);
        AssertNeverMentioned(page, leak, embargo);
        AssertNeverMentioned(await direction.FeedAsync(RoadmapWorld.ProductKey, ct), leak, embargo);
        Assert.Equal([n.DarkMode], Section(json, "now"));
        Assert.Equal([n.Search], Section(json, "shipped"));
    }

    [Fact]
    public async Task Rebuild_IssueMadeConfidentialLater_LeavesEveryPublicSurfaceOnTheNextRebuild()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await RoadmapWorld.CreateAsync(Rules, ct);
        var n = SeedPublic(world);
        await world.PassAsync(ct);
        Assert.Equal(["roadmap::now"], world.BoardLabels(n.DarkMode));
        Assert.Contains($"#{n.Search} Search", world.RoadmapBody(), StringComparison.Ordinal);
        world.Instance.Issue(RoadmapWorld.Project, n.Search).Labels.Add("roadmap::later"); // a human's; closed issues are otherwise left alone

        // The edits bump updated_at (as on GitLab), so the incremental listing returns them: no full listing is needed.
        await world.MakeConfidentialAsync(n.DarkMode, ct);
        await world.MakeConfidentialAsync(n.Search, ct);
        var (writes, result) = await world.PassAsync(ct);

        // One body edit, both labels removed (the closed issue's too), and the three behind dark mode moved up.
        Assert.Equal(new Dictionary<string, long> { ["PUT /projects/:id/issues/:iid"] = 6 }, writes);
        Assert.DoesNotContain(result.Lines, l => l.Contains("listed in full", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.EndsWith(": 2 confidential issue(s) left off the roadmap", StringComparison.Ordinal));
        Assert.DoesNotContain("Dark mode", world.RoadmapBody(), StringComparison.Ordinal);
        Assert.DoesNotContain("Search", world.RoadmapBody(), StringComparison.Ordinal);
        Assert.Empty(world.BoardLabels(n.DarkMode));
        Assert.Empty(world.BoardLabels(n.Search));
        Assert.Equal([n.Sso], world.BoardList("roadmap::now"));
        Assert.Equal([n.Export], world.BoardList("roadmap::next"));
        Assert.Equal([n.Typo], world.BoardList("roadmap::later"));

        await using var direction = await DirectionServer.StartAsync(world.Store, Products, ct);
        var json = await direction.JsonAsync(ct);
        Assert.DoesNotContain("Dark mode", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Search", json, StringComparison.Ordinal);
        var page = await direction.PageAsync(ct);
        Assert.DoesNotContain("Dark mode", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Search", page, StringComparison.Ordinal);
        Assert.Equal([n.Sso], Section(json, "now"));
        Assert.Empty(Section(json, "shipped"));

        // Nothing changed since: nothing written.
        Assert.Empty((await world.PassAsync(ct)).Writes);
    }

    private static void AssertNeverMentioned(string text, params int[] numbers)
    {
        Assert.DoesNotContain(LeakTitle, text, StringComparison.Ordinal);
        Assert.DoesNotContain(EmbargoTitle, text, StringComparison.Ordinal);
        foreach (var number in numbers)
        {
            Assert.DoesNotContain($"/-/issues/{number}\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain($"/-/issues/{number})", text, StringComparison.Ordinal);
            Assert.DoesNotContain($"#{number} ", text, StringComparison.Ordinal);
        }
    }

    /// <summary>The issue numbers of one section of the only product in <c>/direction.json</c>.</summary>
    internal static int[] Section(string json, string section)
    {
        using var document = JsonDocument.Parse(json);
        var product = Assert.Single(document.RootElement.GetProperty("products").EnumerateArray());
        return [.. product.GetProperty(section).EnumerateArray().Select(i => i.GetProperty("number").GetInt32())];
    }
}
