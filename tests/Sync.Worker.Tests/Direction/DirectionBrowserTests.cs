using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Direction;

/// <summary>/direction rendered by a real headless Chromium: the DOM it builds and the pixels it paints.</summary>
[Collection(HostCollection.Name)]
public sealed class DirectionBrowserTests(DirectionHostFixture host) : IClassFixture<DirectionHostFixture>
{
    private const int Width = 1280;
    private const int Height = 1600;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Chromium_DomHasEveryItemInItsColumnAndNoScript()
    {
        var chromium = Chromium.Require();
        var dir = Path.GetDirectoryName(InProcessApp.TempPath("chromium"))!;

        var dom = await Chromium.RunAsync(chromium, Path.Combine(dir, "profile"), Timeout, TestContext.Current.CancellationToken,
            "--dump-dom", new Uri(host.BaseAddress, "/direction").ToString());

        var widget = dom[dom.IndexOf("id=\"product-widget\"", StringComparison.Ordinal)..];
        Assert.Contains("#12 Faster sync", DirectionPageTests.Column(widget, "now"), StringComparison.Ordinal);
        Assert.Contains("#13 &lt;script&gt;alert(1)&lt;/script&gt;", DirectionPageTests.Column(widget, "now"), StringComparison.Ordinal);
        Assert.Contains("#20 Dark mode", DirectionPageTests.Column(widget, "next"), StringComparison.Ordinal);
        Assert.Contains("#30 Plugin API", DirectionPageTests.Column(widget, "later"), StringComparison.Ordinal);
        Assert.Contains("No roadmap yet — it is built on the next scheduled run.", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Chromium_DomHasNeedsInputATrendPlotAndTheFeedLink_AndTheFeedLinkLeadsToAnAtomFeed()
    {
        var chromium = Chromium.Require();
        var dir = Path.GetDirectoryName(InProcessApp.TempPath("chromium"))!;
        var page = new Uri(host.BaseAddress, "/direction");

        var dom = await Chromium.RunAsync(chromium, Path.Combine(dir, "profile"), Timeout, TestContext.Current.CancellationToken, "--dump-dom", page.ToString());

        var widget = dom[dom.IndexOf("id=\"product-widget\"", StringComparison.Ordinal)..];
        var waiting = DirectionPageTests.NeedsInput(dom, "widget");
        Assert.Contains("<h3>Needs input</h3>", waiting, StringComparison.Ordinal);
        Assert.Contains("#40 Calendar sync</a> <span class=\"demand\"><span aria-hidden=\"true\">👍</span> 6 votes", waiting, StringComparison.Ordinal);
        Assert.Contains("#41 &lt;b onmouseover=alert(3)&gt;Bold&lt;/b&gt;", waiting, StringComparison.Ordinal);
        Assert.Contains("…and 3 more.", waiting, StringComparison.Ordinal);

        // The seeded snapshots of #12 (5 rising to 25 voters) are drawn next to its count, as an SVG Chromium parsed.
        var now = DirectionPageTests.Column(widget, "now");
        var svgAt = now.IndexOf("<svg class=\"trend\"", StringComparison.Ordinal);
        Assert.True(svgAt > now.IndexOf("25 votes", StringComparison.Ordinal), now);
        Assert.Contains("<polyline", now[svgAt..], StringComparison.Ordinal);
        Assert.Contains("Voters: 5 on ", now[svgAt..], StringComparison.Ordinal);
        Assert.Equal(6, now[svgAt..].Split("points=\"")[1].Split('"')[0].Split(' ').Length); // the five, and today's count

        // Both the head's alternate link and the visible link name the feed; following the visible one gives Atom.
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"widget roadmap: entered Now and shipped\" href=\"direction/widget.atom\">", dom, StringComparison.Ordinal);
        const string Visible = "<p class=\"feed\"><a href=\"";
        var hrefAt = widget.IndexOf(Visible, StringComparison.Ordinal) + Visible.Length;
        Assert.True(hrefAt >= Visible.Length, "no visible feed link");
        var feedUrl = new Uri(page, widget[hrefAt..widget.IndexOf('"', hrefAt)]);
        using var http = host.CreateClient();
        using var response = await http.GetAsync(feedUrl, TestContext.Current.CancellationToken);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("{http://www.w3.org/2005/Atom}feed", feed.Root!.Name.ToString());
    }

    [Fact]
    public async Task Chromium_Screenshot_ShowsNowNextLaterSideBySide()
    {
        var chromium = Chromium.Require();
        var dir = Path.GetDirectoryName(InProcessApp.TempPath("chromium"))!;
        var screenshot = Path.Combine(dir, "direction.png");

        await Chromium.RunAsync(chromium, Path.Combine(dir, "profile"), Timeout, TestContext.Current.CancellationToken,
            $"--window-size={Width},{Height}", $"--screenshot={screenshot}", new Uri(host.BaseAddress, "/direction").ToString());

        Assert.True(File.Exists(screenshot), $"no screenshot at {screenshot}");
        var image = PngImage.Decode(await File.ReadAllBytesAsync(screenshot, TestContext.Current.CancellationToken));
        Assert.Equal((Width, Height), (image.Width, image.Height));

        var colours = new HashSet<int>();
        for (var y = 0; y < image.Height; y += 2)
        {
            for (var x = 0; x < image.Width; x += 2)
            {
                colours.Add(image.Rgb(x, y));
            }
        }

        Assert.True(colours.Count > 100, $"the screenshot looks blank: {colours.Count} distinct colours");

        var now = CountByThird(image, 0x1a7f37);
        var later = CountByThird(image, 0x8250df);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{screenshot}: {image.Width}x{image.Height}, {colours.Count} colours; Now accent by third {string.Join("/", now)}, Later {string.Join("/", later)}");
        Assert.True(now[0] > 200 && now[2] == 0, $"Now accent by third (left, middle, right): {string.Join(", ", now)}");
        Assert.True(later[2] > 200 && later[0] == 0, $"Later accent by third (left, middle, right): {string.Join(", ", later)}");
    }

    /// <summary>Pixels within a small tolerance of <paramref name="rgb"/> in the left, middle and right thirds.</summary>
    private static int[] CountByThird(PngImage image, int rgb)
    {
        var counts = new int[3];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var pixel = image.Rgb(x, y);
                if (Math.Abs(((pixel >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= 3
                    && Math.Abs(((pixel >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= 3
                    && Math.Abs((pixel & 0xff) - (rgb & 0xff)) <= 3)
                {
                    counts[Math.Min(2, x * 3 / image.Width)]++;
                }
            }
        }

        return counts;
    }
}
