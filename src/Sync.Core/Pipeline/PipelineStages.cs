using Sync.Core.Products;

namespace Sync.Core.Pipeline;

/// <summary>The names of the pipeline steps (<see cref="IPipelineStep.Name"/>); their run order is <see cref="PipelineStages.StepOrder"/>.</summary>
public static class StepNames
{
    public const string Inventory = "inventory";
    public const string Move = "move";
    public const string Votes = "votes";
    public const string Rice = "rice";
    public const string Roadmap = "roadmap";
    public const string Lifecycle = "lifecycle";
    public const string Releases = "releases";

    /// <summary>The <see cref="StepResult.Metrics"/> entry a step counts its label writes in (<c>riceLabelWrites</c>).</summary>
    public static string LabelWritesMetric(string step) => $"{step}LabelWrites";
}

/// <summary>
/// The steps and stages of a product's pipeline, declared once. A stage repeats the steps its output depends on (RICE
/// reads the votes; the roadmap reads votes and RICE), so a roadmap rebuild always follows a fresh vote and RICE pass of
/// the same product, and the product lease keeps two stages from running at once.
/// </summary>
/// <remarks>
/// Adding a stage: its step name in <see cref="StepOrder"/>, a descriptor in <see cref="Descriptors"/> (its cron key
/// is read from <c>Schedule:&lt;CronKey&gt;</c>, validated and registered as a recurring job from there), the step class
/// and its <see cref="IPipelineStep"/> registration. <see cref="ProductPipeline"/> refuses to start when a declared step
/// has no implementation or an implementation is not declared.
/// </remarks>
public static class PipelineStages
{
    public const string All = "all";
    public const string Move = "move";
    public const string Votes = "votes";
    public const string Rice = "rice";
    public const string Roadmap = "roadmap";
    public const string Lifecycle = "lifecycle";
    public const string Releases = "releases";

    /// <summary>Every step, in the order a run executes them (whatever order they were registered in).</summary>
    public static IReadOnlyList<string> StepOrder { get; } = [StepNames.Inventory, StepNames.Move, StepNames.Votes, StepNames.Lifecycle, StepNames.Rice, StepNames.Roadmap, StepNames.Releases];

    public static StageDescriptor MoveStage { get; } = new(Move, [StepNames.Inventory, StepNames.Move])
    {
        CronKey = "Move",
        DefaultCron = "*/15 * * * *",
    };

    public static StageDescriptor VotesStage { get; } = new(Votes, [StepNames.Votes])
    {
        CronKey = "Votes",
        DefaultCron = "*/15 * * * *",
    };

    /// <summary>The voting lifecycle reads fresh votes; RICE and the roadmap run it first, as they leave candidates out.</summary>
    public static StageDescriptor LifecycleStage { get; } = new(Lifecycle, [StepNames.Lifecycle])
    {
        DependsOn = [VotesStage],
        CronKey = "Lifecycle",
        DefaultCron = "0 * * * *",
        IsEnabled = static product => product.Lifecycle is not null,
    };

    public static StageDescriptor RiceStage { get; } = new(Rice, [StepNames.Rice])
    {
        DependsOn = [VotesStage, LifecycleStage],
        CronKey = "Rice",
        DefaultCron = "*/30 * * * *",
        IsEnabled = static product => product.Rice is not null,
    };

    public static StageDescriptor RoadmapStage { get; } = new(Roadmap, [StepNames.Roadmap])
    {
        DependsOn = [VotesStage, LifecycleStage, RiceStage],
        CronKey = "Roadmap",
        DefaultCron = "0 * * * *",
        IsEnabled = static product => product.Roadmap is not null,
        DashboardAction = "Rebuild roadmap",
    };

    /// <summary>Release notes read the demand as the votes step last counted it; drafting one on request is its dashboard action.</summary>
    public static StageDescriptor ReleasesStage { get; } = new(Releases, [StepNames.Releases])
    {
        CronKey = "Releases",
        DefaultCron = "30 * * * *",
        IsEnabled = static product => product.ReleaseNotes is not null,
    };

    /// <summary>A full resync: every step, on request only.</summary>
    public static StageDescriptor AllStage { get; } = new(All, StepOrder) { DashboardAction = "Full resync" };

    /// <summary>Every stage, <see cref="All"/> first, then the scheduled stages in the order they are listed on the dashboard.</summary>
    public static IReadOnlyList<StageDescriptor> Descriptors { get; } = [AllStage, MoveStage, VotesStage, LifecycleStage, RiceStage, RoadmapStage, ReleasesStage];

    /// <summary>The stages with a cron, in the order they are listed on the dashboard.</summary>
    public static IReadOnlyList<StageDescriptor> Scheduled { get; } = [.. Descriptors.Where(d => d.CronKey is not null)];

    /// <summary>Every stage name, <see cref="All"/> first.</summary>
    public static IReadOnlyList<string> Known { get; } = [.. Descriptors.Select(d => d.Name)];

    /// <summary>The stage named <paramref name="stage"/>.</summary>
    /// <exception cref="ArgumentException">No stage has that name.</exception>
    public static StageDescriptor Get(string stage) =>
        Descriptors.FirstOrDefault(d => d.Name == stage)
        ?? throw new ArgumentException($"Unknown stage '{stage}' (stages: {string.Join(", ", Known)})", nameof(stage));

    /// <summary>The stages <paramref name="product"/> runs (the lifecycle, RICE, the roadmap and release notes only when it enables them).</summary>
    public static IEnumerable<StageDescriptor> EnabledFor(ProductDefinition product) => Descriptors.Where(d => d.IsEnabled(product));

    /// <summary>
    /// True when a run of <paramref name="runStage"/> runs every step a run of <paramref name="stage"/> would, so it may
    /// take that stage's pending triggers (a full run covers every stage; RICE covers votes).
    /// </summary>
    public static bool Covers(string runStage, string stage)
    {
        var run = StepsOf(runStage);
        var steps = StepsOf(stage);
        return run is null || (steps is not null && steps.IsSubsetOf(run));
    }

    /// <summary>The stages whose pending triggers a run of <paramref name="runStage"/> takes.</summary>
    public static IReadOnlyList<string> CoveredBy(string runStage) => [.. Known.Where(s => Covers(runStage, s))];

    /// <summary>The step names a stage runs; null means every step.</summary>
    public static IReadOnlySet<string>? StepsOf(string stage)
    {
        var descriptor = Get(stage);
        return descriptor.Name == All ? null : new HashSet<string>(descriptor.Steps, StringComparer.Ordinal);
    }

    /// <summary>
    /// The registered steps in <see cref="StepOrder"/>. Fails with one line naming every step that is declared without an
    /// implementation, implemented without a declaration, or registered twice: a forgotten registration stops the
    /// process at start-up instead of silently skipping a stage.
    /// </summary>
    /// <exception cref="InvalidOperationException">The registered steps do not match the declared ones.</exception>
    public static IReadOnlyList<IPipelineStep> Order(IEnumerable<IPipelineStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var registered = steps.ToList();
        var problems = new List<string>();
        problems.AddRange(registered.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"step '{g.Key}' is registered {g.Count()} times"));
        problems.AddRange(registered.Where(s => !StepOrder.Contains(s.Name, StringComparer.Ordinal))
            .Select(s => $"step '{s.Name}' ({s.GetType().Name}) is registered but not declared in PipelineStages.StepOrder"));
        problems.AddRange(StepOrder.Where(name => !registered.Any(s => s.Name == name))
            .Select(name => $"step '{name}' is declared in PipelineStages.StepOrder but no IPipelineStep named '{name}' is registered"));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Pipeline: {string.Join("; ", problems)}");
        }

        return [.. StepOrder.Select(name => registered.Single(s => s.Name == name))];
    }
}
