using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Roadmap;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Core.Votes;

namespace Sync.Core.Releases;

/// <summary>What a releases pass did, with each draft (the CLI prints them) and the milestones asked for that do not exist.</summary>
/// <param name="Known">Every milestone title of the public project, as listed this pass.</param>
public sealed record ReleaseNotesOutcome(StepResult Result, IReadOnlyList<ReleaseNotesWrite> Drafts, IReadOnlyList<string> Unknown, IReadOnlyList<string> Known)
{
    /// <summary>The milestone id each requested milestone was found as.</summary>
    public IReadOnlyDictionary<string, long> Requested { get; init; } = new Dictionary<string, long>();
}

/// <summary>
/// The "releases" stage: drafts and keeps up to date the release notes of the public project's milestones
/// (<see cref="ReleaseNotesRules"/>). The public project is listed incrementally into a book of the issues that have a
/// milestone; the milestones are read once a pass. A milestone is drafted when it closed after release notes were turned
/// on (or any closed one without <see cref="ReleaseNotesRules.OnlyNewlyClosed"/>), when it has notes already (kept up to
/// date) and when a maintainer asks for it. Each milestone has one notes issue, found again by its marker, edited in
/// place and written only when its text changed.
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

    public static string ScopeOf(ProjectRef project) => $"releases:{project}";

    public async Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (rulesFor(context.Product) is null)
        {
            return StepResult.Empty;
        }

        var requests = await ReleaseNotesRequest.LoadAsync(documents, context.Product.Key, cancellationToken);
        var outcome = await DraftAsync(context, [.. requests.Select(r => r.Milestone)], cancellationToken);
        if (requests.Count > 0 && !context.DryRun)
        {
            // An unknown milestone asked for from the dashboard is reported once (below) and not asked again.
            await documents.DeleteDocumentsAsync(context.Product.Key, ReleaseNotesRequest.Kind, [.. requests.Select(r => r.Milestone)], cancellationToken);
        }

        var lines = outcome.Result.Lines.Concat(outcome.Unknown.Select(m => UnknownLine(context.Product.Public, m, outcome.Known))).ToList();
        return outcome.Result with { Lines = lines };
    }

    /// <summary>One line naming a milestone that does not exist and the ones that do.</summary>
    public static string UnknownLine(ProjectRef project, string milestone, IReadOnlyList<string> known) =>
        $"{project}: release notes: no milestone '{milestone}'; known: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}";

    /// <summary>
    /// One releases pass; <paramref name="requested"/> (milestone titles, or ids) are drafted whatever their state.
    /// </summary>
    public async Task<ReleaseNotesOutcome> DraftAsync(PipelineContext context, IReadOnlyCollection<string> requested, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requested);
        var product = context.Product;
        if (rulesFor(product) is not { } rules)
        {
            return new ReleaseNotesOutcome(StepResult.Empty, [], [], []);
        }

        var project = product.Public;
        var client = trackers.Get(project.Tracker);
        var now = time.GetUtcNow();
        var state = StepState.For(cursors, documents, context.DryRun); // a dry run reads it and writes nothing
        var listing = await context.Listings.ListAsync(client, project, state, ScopeOf(project), time, fromScratch: false, cancellationToken);
        var book = await ReleaseIssue.LoadAsync(documents, product.Key, cancellationToken);
        var notes = await ReleaseNotesState.LoadAsync(documents, product.Key, cancellationToken);
        var listedBodies = new Dictionary<long, string>();
        var changed = new HashSet<long>();
        var left = new List<long>();
        foreach (var issue in listing.Changed)
        {
            var number = issue.Ref.Number;
            if (ReleaseNotesText.MilestoneOf(issue.Body, product.Key) is { } milestoneId)
            {
                // Ours (also after IssueSync's state was lost): never create a second one.
                var known = notes.GetValueOrDefault(milestoneId);
                if (known?.Number is null || known.Number == number)
                {
                    notes[milestoneId] = known is null
                        ? new ReleaseNotesState(milestoneId, number, issue.WebUrl, issue.Body, null, issue.CreatedAt)
                        : known with { Number = number, WebUrl = issue.WebUrl };
                    listedBodies[milestoneId] = issue.Body;
                }
            }

            if (issue.Milestone is not { } milestone || RoadmapText.IsAnyRoadmap(issue.Body) || ReleaseNotesText.IsAnyReleaseNotes(issue.Body))
            {
                if (book.Remove(number))
                {
                    left.Add(number);
                }

                continue;
            }

            book[number] = ReleaseIssue.From(issue, milestone);
            changed.Add(number);
        }

        var milestones = await client.ListMilestonesAsync(project.Path, cancellationToken).ToListAsync(cancellationToken);
        var baseline = await ReleaseNotesBaseline.LoadAsync(documents, product.Key, cancellationToken);
        var saves = new List<StoredDocument>();
        if (baseline is null)
        {
            baseline = new ReleaseNotesBaseline([.. milestones.Where(m => m.Closed).Select(m => m.Title).Order(StringComparer.Ordinal)], now);
            saves.Add(baseline.ToStored(product.Key, now));
        }

        var byId = milestones.ToDictionary(m => m.Id);
        var due = new SortedSet<long>();
        foreach (var milestone in milestones.Where(m => m.Closed && (!rules.OnlyNewlyClosed || !baseline.ClosedBefore.Contains(m.Title, StringComparer.Ordinal))))
        {
            due.Add(milestone.Id);
        }

        due.UnionWith(notes.Keys.Where(byId.ContainsKey));
        var unknown = new List<string>();
        var resolved = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var asked in requested)
        {
            if (Find(milestones, asked) is { } found)
            {
                due.Add(found.Id);
                resolved[asked] = found.Id;
            }
            else
            {
                unknown.Add(asked);
            }
        }

        var run = new ReleaseNotesRun(client, project, context, audit, time);
        if (due.Count > 0)
        {
            var redact = Publishing.PublicWriteGuards.PlainRedaction(product, trackers);
            var demand = await DemandDocument.LoadAsync(documents, product.Key, cancellationToken);
            var moved = await MovedHereAsync(product, cancellationToken);
            var notPlanned = product.Lifecycle?.NotPlannedLabel;
            Dictionary<long, TrackerIssue>? ours = null;
            foreach (var id in due)
            {
                var milestone = byId[id];
                var shipped = book.Values
                    .Where(i => string.Equals(i.Milestone, milestone.Title, StringComparison.Ordinal) && i.IsShipped(notPlanned))
                    .Select(i =>
                    {
                        var counted = demand.GetValueOrDefault(new IssueRef(project, i.Number).ToString());
                        var isMoved = moved.Contains(i.Number);
                        if (isMoved != i.Moved)
                        {
                            book[i.Number] = i with { Moved = isMoved };
                            changed.Add(i.Number);
                        }

                        return new ShippedIssue(i.Number, redact(i.Title), i.WebUrl, i.Labels, isMoved, counted is null ? i.Upvotes : counted.Up + counted.Anonymous, i.CreatedAt, i.ClosedAt!.Value);
                    })
                    .ToList();
                var title = redact(milestone.Title);
                var draft = ReleaseNotesText.Fit(
                    ReleaseNotesText.Draft(product.Key, id, title, milestone.DueDate, shipped, rules.GroupsOrDefault), BodyLimits.For(client.Kind).IssueBody);
                var body = ReleaseNotesText.Render(draft);
                var issueTitle = rules.Title.Replace(ReleaseNotesRules.MilestonePlaceholder, title, StringComparison.Ordinal);
                issueTitle = issueTitle.Length > 255 ? issueTitle[..255] : issueTitle;
                var before = notes.GetValueOrDefault(id) ?? new ReleaseNotesState(id, null, null, null, null, null);
                var listedBody = listedBodies.GetValueOrDefault(id);
                if (before.Number is null && listing.LowerBound is not null)
                {
                    // No notes known for this milestone, but the listing was incremental: the notes state may have been
                    // lost while the cursor was kept, so the issue would not be listed. Look for its marker among every
                    // issue once (a pass creates notes rarely) rather than risk a second notes issue.
                    ours ??= await OwnNotesAsync(client, project, product.Key, cancellationToken);
                    if (ours.GetValueOrDefault(id) is { } found)
                    {
                        before = before with { Number = found.Ref.Number, WebUrl = found.WebUrl, Body = found.Body, FirstWrittenAt = found.CreatedAt };
                        listedBody = found.Body;
                    }
                }

                var after = await run.WriteAsync(before, title, issueTitle, body, listedBody, cancellationToken);
                notes[id] = after with { Draft = draft, ProjectUrl = new Uri(client.WebRoot, project.Path).AbsoluteUri.TrimEnd('/') };
                if (notes[id] != before)
                {
                    // Saved per milestone, so a crash never forgets an issue IssueSync created.
                    await state.SaveDocumentsAsync([notes[id].ToStored(product.Key, now)], cancellationToken);
                }
            }
        }

        if (left.Count > 0)
        {
            await state.DeleteDocumentsAsync(product.Key, ReleaseIssue.Kind, [.. left.Select(ReleaseIssue.KeyOf)], cancellationToken);
        }

        saves.AddRange(changed.Select(n => book[n].ToStored(product.Key, now)));
        saves.AddRange(listedBodies.Keys.Where(id => !due.Contains(id)).Select(id => notes[id].ToStored(product.Key, now)));
        await state.SaveDocumentsAsync(saves, cancellationToken);
        await listing.SaveAsync(now, cancellationToken);
        return new ReleaseNotesOutcome(run.Summary(), run.Writes, unknown, [.. milestones.Select(m => m.Title)]) { Requested = resolved };
    }

    /// <summary>The product's notes issues of the project by milestone id, from one listing of every issue.</summary>
    private static async Task<Dictionary<long, TrackerIssue>> OwnNotesAsync(ITrackerClient client, ProjectRef project, string product, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, TrackerIssue>();
        await foreach (var issue in client.ListIssuesAsync(project.Path, new IssueQuery(IssueStateFilter.All), cancellationToken))
        {
            if (ReleaseNotesText.MilestoneOf(issue.Body, product) is { } id)
            {
                found.TryAdd(id, issue);
            }
        }

        return found;
    }

    /// <summary>A milestone by its exact title, else its title without case, else its id.</summary>
    public static TrackerMilestone? Find(IReadOnlyList<TrackerMilestone> milestones, string asked)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        return milestones.FirstOrDefault(m => string.Equals(m.Title, asked, StringComparison.Ordinal))
            ?? milestones.FirstOrDefault(m => string.Equals(m.Title, asked, StringComparison.OrdinalIgnoreCase))
            ?? (long.TryParse(asked, out var id) ? milestones.FirstOrDefault(m => m.Id == id) : null);
    }

    /// <summary>
    /// The public issues of finished moves from the product's private sources (not its forums): one read of the ledger,
    /// exact, and no tracker request.
    /// </summary>
    private async Task<HashSet<long>> MovedHereAsync(ProductDefinition product, CancellationToken cancellationToken)
    {
        var sources = product.Sources.Select(s => s.Project).ToHashSet();
        var moved = new HashSet<long>();
        foreach (var move in await ledger.ListMovesAsync(product.Key, cancellationToken))
        {
            if (move.State == MoveState.Completed
                && IssueRef.TryParse(move.SourceIssue, out var source) && sources.Contains(source!.Project)
                && IssueRef.TryParse(move.TargetIssue, out var target) && target!.Project == product.Public)
            {
                moved.Add(target.Number);
            }
        }

        return moved;
    }
}
