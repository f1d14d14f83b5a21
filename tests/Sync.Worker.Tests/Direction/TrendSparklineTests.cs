using System.Xml.Linq;
using Sync.Core.Storage;
using Sync.Worker.Direction;

namespace Sync.Worker.Tests.Direction;

public sealed class TrendSparklineTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(30);

    private static VoteSnapshot At(int day, int voters) => new("p", "gitlab:acme/w#1", From.AddDays(day), voters, 0, voters, voters);

    [Fact]
    public void Svg_RisingVotes_IsAWellFormedLineFromBottomLeftToTopRight()
    {
        var svg = TrendSparkline.Svg([At(30, 4), At(0, 0), At(15, 2)], From, To);

        var root = XElement.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var points = root.Element(ns + "polyline")!.Attribute("points")!.Value.Split(' ');
        Assert.Equal(["1,23", "60,12", "119,1"], points);
        Assert.Equal("img", root.Attribute("role")!.Value);
        Assert.Equal("Voters: 0 on 2026-11-01, 4 on 2026-12-01", root.Element(ns + "title")!.Value);
    }

    [Fact]
    public void Svg_FewerThanTwoSnapshotsInTheWindow_IsEmpty()
    {
        Assert.Equal(string.Empty, TrendSparkline.Svg([At(-5, 3), At(10, 4), At(40, 9)], From, To));
    }

    [Fact]
    public void Svg_SameSnapshots_SameBytes()
    {
        VoteSnapshot[] snapshots = [At(1, 1), At(2, 3), At(3, 2)];

        Assert.Equal(TrendSparkline.Svg(snapshots, From, To), TrendSparkline.Svg([.. snapshots.Reverse()], From, To));
    }

    [Fact]
    public void Svg_EmptyWindow_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrendSparkline.Svg([], To, From));
    }
}
