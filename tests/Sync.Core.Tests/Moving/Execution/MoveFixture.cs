using Microsoft.Extensions.Time.Testing;
using Sync.Core.Moving;
using Sync.Core.Pipeline;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving.Execution;

/// <summary>
/// One source issue (dev:acme/widget#12) with an uploaded screenshot, two labels and a milestone the target lacks,
/// <c>commentCount</c> comments and a system note; an empty target project. The full move makes 10 writes with
/// three comments: upload, 2 labels, milestone, issue, 3 comments, notice, close.
/// </summary>
public sealed class MoveFixture
{
    public const string Product = "widget";
    public const string Path = "acme/widget";

    public MoveFixture(int commentCount = 3, TrackerKind targetKind = TrackerKind.GitLab)
    {
        Source = new FakeTracker("dev", TrackerKind.GitLab, Time, Crash);
        Target = new FakeTracker("pub", targetKind, Time, Crash);
        Source.Files["/uploads/abc123/shot.png"] = [1, 2, 3];
        Issue = Source.AddIssue(Path, 12, "Crash on save", "Steps: see ![shot](/uploads/abc123/shot.png)", ["public", "bug", "ui"], milestone: "1.0");
        for (var i = 1; i <= commentCount; i++)
        {
            Source.AddComment(Path, 12, $"comment {i}");
        }

        Source.AddComment(Path, 12, "changed the description", system: true);
        Time.Advance(TimeSpan.FromHours(1));
        var comments = Source.Comments[(Path, 12)];
        Plan = new FakePlanner().Plan(new MovePlanInput(
            Issue, comments, new TrackerSite(TrackerKind.GitLab, new Uri("https://dev.example/")), TargetProject, new TrackerSite(TrackerKind.GitLab, new Uri("https://public.example/")), Rules, RedactionRules.Default, new Dictionary<long, string>(), []));
    }

    public static ProjectRef SourceProject { get; } = ProjectRef.Parse("dev:acme/widget");

    public static ProjectRef TargetProject { get; } = ProjectRef.Parse("pub:acme/widget");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public CrashSwitch Crash { get; } = new();

    public FakeTracker Source { get; }

    public FakeTracker Target { get; }

    public TrackerIssue Issue { get; }

    public InMemoryLedger Ledger { get; } = new();

    public WriteJournal Journal { get; } = new();

    public MoveRules Rules { get; set; } = new() { CreateMilestones = true };

    public MovePlan Plan { get; private set; }

    /// <summary>Plans again from the source as it is now (after a test changed it).</summary>
    public void Replan() => Plan = new FakePlanner().Plan(new MovePlanInput(
        Source.Issues[(Path, 12)], Source.Comments[(Path, 12)], new TrackerSite(TrackerKind.GitLab, new Uri("https://dev.example/")), TargetProject, new TrackerSite(Target.Kind, new Uri("https://public.example/")), Rules, RedactionRules.Default, new Dictionary<long, string>(), []));

    public MoveContext Context(bool dryRun = false) =>
        new(Product, SourceProject, Source, Target, Ledger, Ledger, Time, Rules, dryRun, Journal);

    /// <summary>A fresh executor each time, as after a restart: only the ledger and the trackers carry over.</summary>
    public Task<MoveOutcome> RunAsync(bool dryRun = false) =>
        new MoveExecutor().ExecuteAsync(Plan, Context(dryRun), TestContext.Current.CancellationToken);

    public List<TrackerIssue> TargetIssues() =>
        [.. Target.Issues.Values.Where(i => MoveMarkers.ReadIssue(i.Body) == Plan.MarkerKey)];

    public List<TrackerComment> TargetCommentsFor(long sourceCommentId) =>
        [.. Target.Comments.Values.SelectMany(c => c).Where(c => MoveMarkers.ReadComment(c.Body) is { } m && m.SourceIssue == Plan.MarkerKey && m.CommentId == sourceCommentId)];

    public List<TrackerComment> Notices() =>
        [.. Source.Comments[(Path, 12)].Where(c => MoveMarkers.HasSourceNotice(c.Body, Plan.MarkerKey))];

    public int TotalWrites => Source.Writes + Target.Writes;

    public int TotalCalls => Source.Reads + Source.Writes + Target.Reads + Target.Writes;
}
