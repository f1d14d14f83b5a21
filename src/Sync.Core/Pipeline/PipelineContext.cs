using Sync.Core.Products;
using Sync.Core.Trackers;

namespace Sync.Core.Pipeline;

/// <param name="Product">The product being run.</param>
/// <param name="DryRun">Do every read, record every write that would be made, make none.</param>
/// <param name="Writes">Where steps record the tracker writes they made (or, in a dry run, would make).</param>
public sealed record PipelineContext(ProductDefinition Product, bool DryRun, IWriteJournal Writes)
{
    /// <summary>
    /// Long steps call this between units of work (for example after each moved issue): it renews the product's
    /// lease and returns false when the lease was lost, in which case the step must stop writing.
    /// </summary>
    public Func<CancellationToken, Task<bool>> KeepAliveAsync { get; init; } = static _ => Task.FromResult(true);

    /// <summary>
    /// The issues named by the triggers (webhook deliveries, dashboard requests) this run took; empty for a scheduled run
    /// nobody asked for. The steps still list incrementally, which finds these issues by their bumped update time; a step
    /// reads this set to be sure none of them is missed.
    /// </summary>
    public IReadOnlySet<IssueRef> RequestedIssues { get; init; } = NoIssues;

    /// <summary>The projects' incremental readings made so far in this pass, shared by the steps that list a project.</summary>
    public Inventory.PassListings Listings { get; init; } = new();

    private static readonly IReadOnlySet<IssueRef> NoIssues = new HashSet<IssueRef>();
}

/// <summary>What a step reports back for the run summary.</summary>
/// <param name="Lines">Human-readable facts, one per line (what was read, moved, written).</param>
/// <param name="Metrics">Named counts for the JSON summary (for example <c>issuesSeen</c>).</param>
public sealed record StepResult(IReadOnlyList<string> Lines, IReadOnlyDictionary<string, long> Metrics)
{
    public static StepResult Empty { get; } = new([], new Dictionary<string, long>());

    /// <summary>
    /// Items the step could not do, one line each (<c>failed dev:acme/widget#12: ...</c>), while it went on with the
    /// others. Any of them fails the product's run, so <c>--once</c> exits 1 and the Hangfire job fails.
    /// </summary>
    public IReadOnlyList<string> Failures { get; init; } = [];
}
