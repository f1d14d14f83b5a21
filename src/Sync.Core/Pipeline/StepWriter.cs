using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Pipeline;

/// <summary>
/// Where a step's writes to one project go through: each is recorded in the run's journal, skipped in a dry run, and
/// audited once made. Also creates the labels a step is about to use, listing the project's labels at most once.
/// </summary>
public sealed class StepWriter(PipelineContext context, IAuditLog audit, TimeProvider time, ITrackerClient client, ProjectRef project)
{
    private HashSet<string>? _labels;

    /// <summary>Journals <paramref name="detail"/>; unless dry, runs <paramref name="write"/> and audits <paramref name="auditDetail"/>.</summary>
    /// <returns>The write's result; null in a dry run.</returns>
    public async Task<T?> WriteAsync<T>(string action, string target, string detail, string auditDetail, Func<Task<T>> write, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(write);
        context.Writes.Record(new PlannedWrite(action, target, detail));
        if (context.DryRun)
        {
            return null;
        }

        var result = await write();
        await audit.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), context.Product.Key, action, target, auditDetail), cancellationToken);
        return result;
    }

    /// <summary>Creates those of <paramref name="labels"/> the project lacks (names compare case-insensitively). Returns how many.</summary>
    public async Task<int> EnsureLabelsAsync(IEnumerable<TrackerLabel> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var created = 0;
        foreach (var label in labels)
        {
            _labels ??= (await client.ListLabelsAsync(project.Path, cancellationToken).Select(l => l.Name).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (_labels.Contains(label.Name))
            {
                continue;
            }

            var detail = $"create label {label.Name} {label.Color}";
            await WriteAsync(AuditActions.Label, project.ToString(), detail, detail, async () => (await WriteOnce.RunAsync(
                () => client.CreateLabelAsync(project.Path, label, cancellationToken),
                () => client.ListLabelsAsync(project.Path, cancellationToken)
                    .FirstOrDefaultAsync(l => string.Equals(l.Name, label.Name, StringComparison.OrdinalIgnoreCase), cancellationToken).AsTask())).Result, cancellationToken);
            _labels.Add(label.Name);
            created++;
        }

        return created;
    }
}
