namespace Sync.Core.Pipeline;

/// <summary>
/// One stage of a product's pipeline (move → votes → RICE → roadmap). Steps are run in registration order,
/// take identifiers only, and are safe to run twice.
/// </summary>
public interface IPipelineStep
{
    /// <summary>Short stable name shown in summaries and job names (for example <c>inventory</c>, <c>move</c>).</summary>
    string Name { get; }

    Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken);
}
