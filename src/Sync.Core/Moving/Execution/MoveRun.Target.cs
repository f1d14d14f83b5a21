using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Moving;

internal sealed partial class MoveRun
{
    /// <summary>How far before the intent the target listing starts: covers clock skew between us and the tracker.</summary>
    private static readonly TimeSpan FindWindow = TimeSpan.FromMinutes(10);

    private async Task EnsureTargetAsync(CancellationToken cancellationToken)
    {
        if (Record!.TargetIssue is { } known)
        {
            _target = IssueRef.Parse(known);
            return;
        }

        // A fresh intent (no ledger record before this run) means no earlier run can have written a target, so
        // there is nothing to find; only a resumed move lists the target project for its marker.
        var issue = (_freshIntent ? null : await FindTargetAsync(cancellationToken)) ?? await CreateTargetAsync(cancellationToken);
        if (issue is null)
        {
            return; // dry run: the target would be created
        }

        _target = new IssueRef(plan.Target, issue.Ref.Number);
        TargetUrl = issue.WebUrl;
        await AdvanceAsync(MoveState.TargetCreated, cancellationToken, _target, issue.WebUrl);
    }

    /// <summary>
    /// A target created before a crash but never recorded carries our marker. Listing (not searching: search
    /// indexes lag) only what changed since shortly before the intent keeps this to a page or two.
    /// </summary>
    private async Task<TrackerIssue?> FindTargetAsync(CancellationToken cancellationToken)
    {
        var query = new IssueQuery(IssueStateFilter.All, null, Record!.CreatedAt - FindWindow);
        await foreach (var issue in context.TargetClient.ListIssuesAsync(plan.Target.Path, query, cancellationToken))
        {
            if (MoveMarkers.ReadIssue(issue.Body) == plan.MarkerKey)
            {
                return issue;
            }
        }

        return null;
    }

    private async Task<TrackerIssue?> CreateTargetAsync(CancellationToken cancellationToken)
    {
        await EnsureStillWantedAsync("creating the public issue", cancellationToken);
        var title = await WithUploadsAsync(plan.Title, cancellationToken);
        var body = await WithUploadsAsync(plan.Body, cancellationToken);
        var labels = await EnsureLabelsAsync(cancellationToken);
        var milestone = await EnsureMilestoneAsync(cancellationToken);
        var detail = $"{title}\n\n{body}\n\nlabels: {string.Join(", ", labels)}; milestone: {plan.Milestone?.Title ?? "none"}";
        var issue = await WriteAsync(
            AuditActions.Create,
            plan.Target.ToString(),
            detail,
            $"moved from {plan.SourceIssue}: {Shorten(title)}",
            () => Once(
                () => context.TargetClient.CreateIssueAsync(plan.Target.Path, new NewIssue(title, body, labels, milestone, plan.Confidential), cancellationToken),
                () => FindTargetAsync(cancellationToken)),
            cancellationToken);
        if (issue is null)
        {
            return null;
        }

        _createdNow = true;
        foreach (var redaction in plan.Redactions)
        {
            var entry = new AuditEntry(context.Time.GetUtcNow(), context.Product, AuditActions.Redaction, plan.SourceIssue, $"{redaction.Rule} x{redaction.Count} in {redaction.Where}");
            await context.Audit.AppendAuditAsync(entry, cancellationToken);
        }

        return issue;
    }

    /// <returns>The plan's label names as the target spells them (a case-only difference must not create a twin).</returns>
    private async Task<IReadOnlyList<string>> EnsureLabelsAsync(CancellationToken cancellationToken)
    {
        if (plan.Labels.Count == 0)
        {
            return [];
        }

        var existing = context.TargetCache?.Labels;
        if (existing is null)
        {
            existing = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            await foreach (var label in context.TargetClient.ListLabelsAsync(plan.Target.Path, cancellationToken))
            {
                existing.TryAdd(label.Name, label.Name);
            }

            if (context.TargetCache is { } cache && !context.DryRun)
            {
                cache.Labels = existing;
            }
        }

        var names = new List<string>();
        foreach (var label in plan.Labels)
        {
            if (!existing.TryGetValue(label.Name, out var name))
            {
                var created = await WriteAsync(
                    AuditActions.Label,
                    plan.Target.ToString(),
                    $"create label {label.Name} {label.Color}",
                    $"created label {label.Name} for {plan.SourceIssue}",
                    () => Once(
                        () => context.TargetClient.CreateLabelAsync(plan.Target.Path, label, cancellationToken),
                        () => context.TargetClient.ListLabelsAsync(plan.Target.Path, cancellationToken)
                            .FirstOrDefaultAsync(l => string.Equals(l.Name, label.Name, StringComparison.OrdinalIgnoreCase), cancellationToken).AsTask()),
                    cancellationToken);
                name = created?.Name ?? label.Name;
                existing[label.Name] = name;
            }

            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private async Task<long?> EnsureMilestoneAsync(CancellationToken cancellationToken)
    {
        if (plan.Milestone is not { } wanted)
        {
            return null;
        }

        var milestones = context.TargetCache?.Milestones;
        if (milestones is null)
        {
            milestones = [];
            await foreach (var milestone in context.TargetClient.ListMilestonesAsync(plan.Target.Path, cancellationToken))
            {
                milestones.Add(milestone);
            }

            if (context.TargetCache is { } cache && !context.DryRun)
            {
                cache.Milestones = milestones;
            }
        }

        if (milestones.Find(m => string.Equals(m.Title, wanted.Title, StringComparison.OrdinalIgnoreCase)) is { } found)
        {
            return found.Id;
        }

        if (!context.Rules.CreateMilestones)
        {
            return null;
        }

        var created = await WriteAsync(
            AuditActions.Create,
            plan.Target.ToString(),
            $"create milestone {wanted.Title}",
            $"created milestone {wanted.Title} for {plan.SourceIssue}",
            () => Once(
                () => context.TargetClient.CreateMilestoneAsync(plan.Target.Path, new TrackerMilestone(0, wanted.Title, DueDate: wanted.DueDate, Description: wanted.Description), cancellationToken),
                () => context.TargetClient.ListMilestonesAsync(plan.Target.Path, cancellationToken)
                    .FirstOrDefaultAsync(m => string.Equals(m.Title, wanted.Title, StringComparison.OrdinalIgnoreCase), cancellationToken).AsTask()),
            cancellationToken);
        if (created is not null)
        {
            milestones.Add(created);
        }

        return created?.Id;
    }

    /// <summary>
    /// Re-uploads the files <paramref name="text"/> links to (only those, so a resumed move uploads nothing it no
    /// longer writes) and puts the new links in. The upload map lives in the ledger's moved-comment table.
    /// </summary>
    private async Task<string> WithUploadsAsync(string text, CancellationToken cancellationToken)
    {
        foreach (var upload in plan.Uploads)
        {
            if (!text.Contains(upload.Token, StringComparison.Ordinal))
            {
                continue;
            }

            var key = MoveMarkers.Upload(plan.SourceIssue, upload.SourceUrl);
            if (_refused.Contains(upload.Token))
            {
                text = text.Replace(upload.Token, upload.Placeholder, StringComparison.Ordinal);
                continue;
            }

            if (!_mapped.TryGetValue(key, out var url))
            {
                url = context.DryRun ? $"/uploads/(new)/{upload.FileName}" : await UploadAsync(upload, cancellationToken);
                if (url is null)
                {
                    _refused.Add(upload.Token);
                    text = text.Replace(upload.Token, upload.Placeholder, StringComparison.Ordinal);
                    continue;
                }

                if (context.DryRun)
                {
                    context.Writes.Record(new Pipeline.PlannedWrite(AuditActions.Upload, plan.Target.ToString(), upload.FileName));
                }

                await MapAsync(key, url, cancellationToken);
            }

            text = text.Replace(upload.Token, url, StringComparison.Ordinal);
        }

        return text;
    }

    /// <returns>The new link, or null when the file may not or cannot be copied (the text then says so).</returns>
    private async Task<string?> UploadAsync(PlannedUpload upload, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await Uploads(context.SourceClient).DownloadUploadAsync(context.Source.Path, upload.SourceUrl, cancellationToken);
        }
        catch (Exception ex) when (ex is TrackerUploadRefusedException or TrackerNotFoundException)
        {
            var entry = new AuditEntry(context.Time.GetUtcNow(), context.Product, AuditActions.Upload, plan.SourceIssue, $"not copied: {upload.FileName} ({MoveExecutor.OneLine(ex)})");
            await context.Audit.AppendAuditAsync(entry, cancellationToken);
            return null;
        }

        using var content = new MemoryStream(bytes, writable: false);
        var uploaded = await WriteAsync(
            AuditActions.Upload,
            plan.Target.ToString(),
            upload.FileName,
            $"re-uploaded {upload.FileName} for {plan.SourceIssue}",
            // A re-upload after a lost answer leaves at most an unreferenced copy behind (GitLab has no lookup of uploads).
            () => Once(
                () =>
                {
                    content.Position = 0;
                    return Uploads(context.TargetClient).UploadFileAsync(plan.Target.Path, upload.FileName, content, cancellationToken);
                },
                () => Task.FromResult<TrackerUpload?>(null)),
            cancellationToken);
        return uploaded!.Url;
    }

    // The planner only plans uploads to a target that takes them, from links of a source that has them; anything else is a bug.
    private static IUploads Uploads(ITrackerClient client) =>
        client.Get<IUploads>() ?? throw new NotSupportedException($"Tracker '{client.Name}' ({client.Kind}) has no upload API");

    /// <summary>Tokens of uploads that were refused or are gone: their placeholder text stands in for the link.</summary>
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
