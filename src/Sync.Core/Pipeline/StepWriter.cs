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

    /// <summary>
    /// Keeps IssueSync's one comment on an issue at <paramref name="body"/>: found by <paramref name="isOurs"/> when its id is
    /// not known yet (a crash right after posting, lost state) and the issue has comments, edited in place when its text
    /// changed, posted once more when a human deleted it, posted once (a lost answer is looked up, never posted twice)
    /// when there is none. Journals and audits each write (<paramref name="audited"/> gives the audit detail of a body).
    /// </summary>
    /// <exception cref="TrackerNotFoundException">The issue is gone.</exception>
    public async Task<KeptComment> KeepCommentAsync(
        long number, KeptComment known, int commentCount, string body, Func<string, bool> isOurs, Func<string, string> audited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(isOurs);
        ArgumentNullException.ThrowIfNull(audited);
        var target = new IssueRef(project, number).ToString();
        Task<TrackerComment?> FindAsync() => client.ListCommentsAsync(project.Path, number, cancellationToken)
            .FirstOrDefaultAsync(c => !c.System && isOurs(c.Body), cancellationToken).AsTask();

        if (known.Id is null && commentCount > 0 && await FindAsync() is { } found)
        {
            known = new KeptComment(found.Id, found.Body);
        }

        if (known.Id is { } id)
        {
            // GitLab stores text right-trimmed (the quick-action extractor's rstrip), so trailing whitespace is no change.
            if (string.Equals(known.Body?.TrimEnd(), body.TrimEnd(), StringComparison.Ordinal))
            {
                return known with { Outcome = KeptCommentOutcome.Unchanged };
            }

            try
            {
                await WriteAsync(AuditActions.Edit, $"{target} comment {id}", body, audited(body), () => client.EditCommentAsync(project.Path, number, id, body, cancellationToken), cancellationToken);
                return new KeptComment(id, body, KeptCommentOutcome.Edited);
            }
            catch (TrackerNotFoundException) when (!context.DryRun)
            {
                // A human deleted IssueSync's comment: post it once more below (the issue itself must still be there).
                await client.GetIssueAsync(project.Path, number, cancellationToken);
            }
        }

        var created = await WriteAsync(AuditActions.Comment, target, body, audited(body), async () => (await WriteOnce.RunAsync(
            () => client.CreateCommentAsync(project.Path, number, body, isInternal: false, cancellationToken),
            FindAsync)).Result, cancellationToken);
        return new KeptComment(created?.Id ?? known.Id, body, KeptCommentOutcome.Posted);
    }
}

/// <summary>IssueSync's one comment on an issue as last written or read (<see cref="StepWriter.KeepCommentAsync"/>).</summary>
public sealed record KeptComment(long? Id, string? Body, KeptCommentOutcome Outcome = KeptCommentOutcome.Unchanged);

public enum KeptCommentOutcome
{
    Unchanged,
    Edited,
    Posted,
}
