namespace Sync.Core.Pipeline;

/// <summary>What one run of every product's pipeline did (the <c>--once</c> summary).</summary>
public sealed record RunSummary(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    bool DryRun,
    IReadOnlyList<ProductRunSummary> Products,
    IReadOnlyList<TrackerRequestSummary> Requests)
{
    public bool Succeeded => Products.All(p => p.Succeeded);
}

public sealed record ProductRunSummary(
    string Product,
    string PublicProject,
    IReadOnlyList<StepRunSummary> Steps,
    IReadOnlyList<PlannedWrite> Writes)
{
    public bool Succeeded => Steps.All(s => s.Error is null && s.Result.Failures.Count == 0);

    /// <summary>Every failure of the run, one line each: a step that failed as a whole, or an item a step could not do.</summary>
    public IEnumerable<string> FailureLines =>
        Steps.SelectMany(s => s.Error is { } error
            ? [$"product '{Product}', step '{s.Step}': {error}"]
            : s.Result.Failures.Select(f => $"product '{Product}', step '{s.Step}': {f}"));

    /// <summary>The issues the run was asked about (<see cref="PipelineContext.RequestedIssues"/>).</summary>
    public IReadOnlyCollection<Trackers.IssueRef> RequestedIssues { get; init; } = [];
}

/// <param name="Error">One-line reason when the step failed; null when it succeeded.</param>
public sealed record StepRunSummary(string Step, StepResult Result, string? Error, TimeSpan Duration);

/// <summary>Requests made to one tracker during the run, by "METHOD endpoint-kind".</summary>
public sealed record TrackerRequestSummary(string Tracker, long Total, IReadOnlyDictionary<string, long> ByEndpoint);
