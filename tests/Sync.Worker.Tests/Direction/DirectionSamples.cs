using Sync.Core.Roadmap;

namespace Sync.Worker.Tests.Direction;

/// <summary>A roadmap exercising every field the page shows, plus hostile titles and URLs.</summary>
internal static class DirectionSamples
{
    public const string ScriptTitle = "<script>alert(1)</script>";

    public const string NeedsInputScriptTitle = "<b onmouseover=alert(3)>Bold</b>";

    public static readonly DateTimeOffset BuiltAt = new(2025, 6, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>When #12 entered Now (before #5 shipped) and #13 (after it).</summary>
    public static readonly DateTimeOffset EnteredNow12 = new(2025, 5, 10, 9, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset EnteredNow13 = new(2025, 6, 1, 7, 15, 0, TimeSpan.Zero);

    public static ProductRoadmap Widget() => new(
        "widget",
        "github:acme/widget",
        "Widget roadmap",
        "https://github.com/acme/widget/issues/1",
        [
            new RoadmapItem(12, "Faster sync", "https://github.com/acme/widget/issues/12", RoadmapSection.Now, 25, 3, 42.5, "top", "v2.0", new DateOnly(2025, 7, 1), null, EnteredNow12),
            new RoadmapItem(13, ScriptTitle, "https://github.com/acme/widget/issues/13", RoadmapSection.Now, 4, -1, null, null, null, null, null, EnteredNow13),
            new RoadmapItem(20, "Dark mode", "javascript:alert(1)", RoadmapSection.Next, 10, 0, 7, "medium", "v2.1", null, null),
            new RoadmapItem(21, "Offline \"mode\" & more", "https://github.com/acme/widget/issues/21", RoadmapSection.Next, 8, 2, null, null, null, null, null),
            new RoadmapItem(30, "Plugin API", "https://github.com/acme/widget/issues/30", RoadmapSection.Later, 3, 0, null, null, null, null, null),
            new RoadmapItem(5, "Export to CSV", "https://github.com/acme/widget/issues/5", RoadmapSection.Shipped, 40, 1, null, null, null, null, new DateTimeOffset(2025, 5, 20, 14, 30, 0, TimeSpan.Zero)),
            new RoadmapItem(40, "Calendar sync", "https://github.com/acme/widget/issues/40", RoadmapSection.NeedsInput, 6, 0, null, null, null, null, null),
            new RoadmapItem(41, NeedsInputScriptTitle, "javascript:alert(3)", RoadmapSection.NeedsInput, 1, 0, null, null, null, null, null),
        ]) { Schema = ProductRoadmap.CurrentSchema, NeedsInputMore = 3 };
}
