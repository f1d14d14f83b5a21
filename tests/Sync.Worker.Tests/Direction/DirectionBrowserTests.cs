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
