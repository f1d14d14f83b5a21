using System.Xml.Linq;
using Sync.Core.Products;
using Sync.Core.Roadmap;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Direction;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Direction;

/// <summary>The trend plots /direction loads from a real SQLite store's vote snapshots.</summary>
public sealed class DirectionTrendTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly ProductDefinition Widget = new("widget", ProjectRef.Parse("github:acme/widget"), []);

    private readonly SqliteStateStore _store = new(InProcessApp.TempPath("trend.db"));

    public async ValueTask InitializeAsync()
    {
        await _store.MigrateAsync(CancellationToken.None);
        await _store.SaveDocumentsAsync([DirectionSamples.Widget().ToStored(DirectionSamples.BuiltAt)], CancellationToken.None);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<bool> Snapshot(long number, DateTimeOffset at, int voters) =>
        _store.AddVoteSnapshotAsync(new VoteSnapshot("widget", $"github:acme/widget#{number}", at, voters, 0, voters, voters), CancellationToken.None);

    [Fact]
    public async Task LoadAsync_CountBeforeTheWindowAndOneChangeInside_RunsFromTheWindowOpeningToToday()
    {
        var ct = TestContext.Current.CancellationToken;
        await Snapshot(12, Now.AddDays(-200), 10); // before the window: the count as the window opened
        await Snapshot(12, Now.AddDays(-30), 20);
        await Snapshot(12, Now.AddDays(-400), 3); // older still: not drawn

        var direction = await ProductDirection.LoadAsync(Widget, _store, _store, Now, ct);

        var svg = XElement.Parse(direction.Trends[12]);
        var (from, _) = ProductDirection.TrendWindow(Now);
        Assert.Equal($"Voters: 10 on {from:yyyy-MM-dd}, 20 on 2026-06-01", svg.Element(Svg + "title")!.Value);
        var points = svg.Element(Svg + "polyline")!.Attribute("points")!.Value.Split(' ');
        Assert.Equal(3, points.Length); // window opening, the change, today
        Assert.StartsWith("1,", points[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_QuietIssue_IsAFlatLineAndShippedOrUnknownIssuesGetNone()
    {
        var ct = TestContext.Current.CancellationToken;
        await Snapshot(30, Now.AddDays(-3), 3); // Later: one snapshot, never changed
        await Snapshot(5, Now.AddDays(-3), 40); // Shipped: no vote count shown, so no plot
        await Snapshot(999, Now.AddDays(-3), 7); // not on the roadmap
        await Snapshot(13, Now.AddHours(-2), 4); // first counted today: less than a day is no trend

        var direction = await ProductDirection.LoadAsync(Widget, _store, _store, Now, ct);

        var points = XElement.Parse(direction.Trends[30]).Element(Svg + "polyline")!.Attribute("points")!.Value.Split(' ');
        Assert.Equal(2, points.Length);
        Assert.Equal(points[0].Split(',')[1], points[1].Split(',')[1]);
        Assert.False(direction.Trends.ContainsKey(5));
        Assert.False(direction.Trends.ContainsKey(999));
        Assert.False(direction.Trends.ContainsKey(13));
        Assert.False(direction.Trends.ContainsKey(20)); // no snapshot at all
        Assert.Equal(direction.Trends, (await ProductDirection.LoadAsync(Widget, _store, _store, Now.AddHours(11), ct)).Trends); // same day: same bytes
    }
}
