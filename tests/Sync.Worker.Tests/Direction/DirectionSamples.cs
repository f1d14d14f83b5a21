using Sync.Core.Roadmap;

namespace Sync.Worker.Tests.Direction;

/// <summary>A roadmap exercising every field the page shows, plus hostile titles and URLs.</summary>
internal static class DirectionSamples
{
    public const string ScriptTitle = "<script>alert(1)</script>";

    public static readonly DateTimeOffset BuiltAt = new(2025, 6, 2, 8, 0, 0, TimeSpan.Zero);

    public static ProductRoadmap Widget() => new(
        "widget",
        "github:acme/widget",
        "Widget roadmap",
        "https://github.com/acme/widget/issues/1",
        [
            new RoadmapItem(12, "Faster sync", "https://github.com/acme/widget/issues/12", RoadmapSection.Now, 25, 3, 42.5, "top", "v2.0", new DateOnly(2025, 7, 1), null),
            new RoadmapItem(13, ScriptTitle, "https://github.com/acme/widget/issues/13", RoadmapSection.Now, 4, -1, null, null, null, null, null),
            new RoadmapItem(20, "Dark mode", "javascript:alert(1)", RoadmapSection.Next, 10, 0, 7, "medium", "v2.1", null, null),
            new RoadmapItem(21, "Offline \"mode\" & more", "https://github.com/acme/widget/issues/21", RoadmapSection.Next, 8, 2, null, null, null, null, null),
            new RoadmapItem(30, "Plugin API", "https://github.com/acme/widget/issues/30", RoadmapSection.Later, 3, 0, null, null, null, null, null),
            new RoadmapItem(5, "Export to CSV", "https://github.com/acme/widget/issues/5", RoadmapSection.Shipped, 40, 1, null, null, null, null, new DateTimeOffset(2025, 5, 20, 14, 30, 0, TimeSpan.Zero)),
        ]) { Schema = ProductRoadmap.CurrentSchema };
}
