using System.Text.Json;
using System.Text.Json.Nodes;
using Sync.Core.Inventory;
using Sync.Core.Roadmap;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Direction;

namespace Sync.Worker.Tests.Roadmap;

/// <summary>
/// A store written by the version before confidentiality was checked: roadmap book entries without the flag, a
/// cursor past the confidential issue, and a stored roadmap that lists it. The new version neither serves that
/// roadmap nor trusts that book.
/// </summary>
public sealed class RoadmapUpgradeTests
{
    private const string LeakTitle = "Token leak in login";

    [Fact]
    public async Task FirstRunAfterUpgrade_OldRoadmapListingAConfidentialIssue_IsNotServed_ThenRebuiltWithoutIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await RoadmapWorld.CreateAsync(new RoadmapRules { NowSize = 1, NextSize = 1, LaterSize = 1 }, ct);
        var darkMode = world.Issue("Dark mode", 5, labels: ["impact::2", "confidence::80", "effort::1"]); // 8
        var sso = world.Issue("SSO", 4, labels: ["impact::1", "confidence::100", "effort::1"]); // 4
        var export = world.Issue("Export", 3, labels: ["impact::1", "confidence::100", "effort::1"]); // 3
        var leak = world.Issue(LeakTitle, 20, labels: ["impact::3", "confidence::100", "effort::0.5"]); // 120

        // What the old version made of a confidential issue: it listed it like any other. Built here while the issue is
        // public, then flagged confidential without a new updated_at (the old version saw the flag and ignored it; its
        // cursor is past the issue), and the documents stripped of what the old version did not write. The second pass
        // lists IssueSync's own label writes of the first, so the cursor ends past every update.
        // A third pass, past GitLab's touch window, lists them once more (a listing inside the window keeps them open).
        await world.PassAsync(ct);
        Assert.Empty((await world.PassAsync(ct)).Writes);
        world.Time.Advance(IncrementalCursor.TouchWindow(TrackerKind.GitLab));
        Assert.Empty((await world.PassAsync(ct)).Writes);
        world.Instance.Issue(RoadmapWorld.Project, leak).Confidential = true;
        await DowngradeAsync(world.Store, ct);
        Assert.Equal(["roadmap::now"], world.BoardLabels(leak));
        Assert.Contains(LeakTitle, world.RoadmapBody(), StringComparison.Ordinal);
        var oldRoadmap = Assert.Single(await world.Store.ListDocumentsAsync(RoadmapWorld.ProductKey, ProductRoadmap.Kind, ct)).Body;
        Assert.Contains(LeakTitle, oldRoadmap, StringComparison.Ordinal);
        var cursor = await world.Store.GetCursorAsync(RoadmapStep.ScopeOf(ProjectRef.Parse(RoadmapWorld.PublicProject)), ct);
        Assert.True(cursor!.UpdatedAt >= world.Instance.Issue(RoadmapWorld.Project, leak).UpdatedAt, "an incremental listing would not return the issue again");

        // Until the new version rebuilds, /direction and /direction.json serve no roadmap rather than the old one.
        await using var direction = await DirectionServer.StartAsync(world.Store, new Dictionary<string, string> { [RoadmapWorld.ProductKey] = RoadmapWorld.PublicProject }, ct);
        var staleJson = await direction.JsonAsync(ct);
        var stalePage = await direction.PageAsync(ct);
        Assert.DoesNotContain(LeakTitle, staleJson, StringComparison.Ordinal);
        Assert.DoesNotContain(LeakTitle, stalePage, StringComparison.Ordinal);
        using (var stale = JsonDocument.Parse(staleJson))
        {
            Assert.False(stale.RootElement.GetProperty("products")[0].GetProperty("built").GetBoolean());
        }

        Assert.Contains("No roadmap yet", stalePage, StringComparison.Ordinal);

        // First run of the new version: a full listing finds the flag, and the issue leaves the roadmap.
        var (writes, result) = await world.PassAsync(ct);

        // The body, the leak's label removed, and dark mode, SSO and export each moved up one section.
        Assert.Equal(new Dictionary<string, long> { ["PUT /projects/:id/issues/:iid"] = 5 }, writes);
        Assert.Contains(result.Lines, l => l.EndsWith("listed in full; 1 confidential issue(s) left off the roadmap", StringComparison.Ordinal));
        Assert.Empty(world.BoardLabels(leak));
        Assert.DoesNotContain(LeakTitle, world.RoadmapBody(), StringComparison.Ordinal);
        Assert.Equal([darkMode], world.BoardList("roadmap::now"));
        Assert.Equal([sso], world.BoardList("roadmap::next"));
        Assert.Equal([export], world.BoardList("roadmap::later"));
        var json = await direction.JsonAsync(ct);
        Assert.DoesNotContain(LeakTitle, json, StringComparison.Ordinal);
        Assert.DoesNotContain(LeakTitle, await direction.PageAsync(ct), StringComparison.Ordinal);
        Assert.Equal([darkMode], RoadmapConfidentialityTests.Section(json, "now"));
        Assert.Equal(ProductRoadmap.CurrentSchema, (await ProductRoadmap.LoadAsync(world.Store, RoadmapWorld.ProductKey, ct))!.Schema);
        Assert.True((await RoadmapIssue.LoadAsync(world.Store, RoadmapWorld.ProductKey, ct))[leak].Confidential);

        // From then on the listing is incremental again, and nothing is left to write.
        var next = await world.PassAsync(ct);
        Assert.Empty(next.Writes);
        Assert.DoesNotContain(next.Result.Lines, l => l.Contains("listed in full", StringComparison.Ordinal));
    }

    /// <summary>Rewrites the roadmap documents as the previous version stored them: no schema, no flag, no book stamp.</summary>
    private static async Task DowngradeAsync(SqliteStateStore store, CancellationToken ct)
    {
        var product = RoadmapWorld.ProductKey;
        var old = new List<StoredDocument>();
        foreach (var (kind, field) in new[] { (ProductRoadmap.Kind, "Schema"), (RoadmapIssue.Kind, "Confidential") })
        {
            foreach (var document in await store.ListDocumentsAsync(product, kind, ct))
            {
                var body = JsonNode.Parse(document.Body)!.AsObject();
                Assert.True(body.Remove(field), $"{kind} documents carry {field}");
                old.Add(document with { Body = body.ToJsonString() });
            }
        }

        await store.SaveDocumentsAsync(old, ct);
        await store.DeleteDocumentsAsync(product, RoadmapBookStamp.Kind, [product], ct);
    }
}
