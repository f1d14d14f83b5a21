using Sync.Core.Inventory;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Core.Votes;

namespace Sync.Core.Rice;

/// <summary>
/// The "rice" stage: scores every open public issue of the product, keeps exactly one bucket label of the scope on
/// each, and keeps one explanatory comment per issue, edited in place when its text changes.
/// </summary>
/// <remarks>
/// The public project is listed incrementally (once per pass: the roadmap after it reads the same listing, see
/// <see cref="PassListings"/>) and each issue's labels, score and comment are kept as a document,
/// so a pass where nothing changed writes nothing and reads only the (empty) listing. Bucket labels are created
/// with colour and description only when an issue is about to get one that the project lacks.
/// </remarks>
public sealed class RiceStep(
    ITrackerRegistry trackers,
    ICursorStore cursors,
    IDocumentStore documents,
    IAuditLog audit,
    TimeProvider time,
    Func<ProductDefinition, RiceRules?> rulesFor) : IPipelineStep
{
    public string Name => StepNames.Rice;

    public static string ScopeOf(ProjectRef project) => $"rice:{project}";

    public async Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken)
    {
        var product = context.Product;
        if (rulesFor(product) is not { } rules)
        {
            return StepResult.Empty;
        }

        var project = product.Public;
        var client = trackers.Get(project.Tracker);
        var state = StepState.For(cursors, documents, context.DryRun); // a dry run reads it and writes nothing
        var listing = await context.Listings.ListAsync(client, project, state, ScopeOf(project), time, fromScratch: false, cancellationToken);
        var book = await RiceEntry.LoadAsync(documents, product.Key, cancellationToken);
        var dirty = new HashSet<long>();
        foreach (var issue in listing.Changed.Where(i => !Roadmap.RoadmapText.IsAnyRoadmap(i.Body) && !Releases.ReleaseNotesText.IsAnyReleaseNotes(i.Body)))
        {
            book[issue.Ref.Number] = RiceEntry.From(issue, book.GetValueOrDefault(issue.Ref.Number));
            dirty.Add(issue.Ref.Number);
        }

        var now = time.GetUtcNow();
        var demand = await DemandDocument.LoadAsync(documents, product.Key, cancellationToken);
        var windowStart = now.AddDays(-product.Votes.WindowDays);
        // A feature request still in its voting window is not a request yet (the lifecycle decides): it gets no score.
        var voting = await Lifecycle.LifecycleEntry.VotingAsync(documents, product.Key, product.Lifecycle, cancellationToken);
        var open = book.Values
            .Where(e => e.State == IssueState.Open && !voting(e.Number, e.Labels))
            .OrderBy(e => e.Number)
            .ToList();
        var scores = open.ToDictionary(
            e => e.Number,
            e => RiceCalculator.Score(
                e.Labels,
                e.Weight,
                demand.GetValueOrDefault(new IssueRef(project, e.Number).ToString())?.VotersSince(windowStart) ?? 0,
                product.Votes.WindowDays,
                rules,
                demand.GetValueOrDefault(new IssueRef(project, e.Number).ToString())?.Anonymous ?? 0));
        var buckets = RiceBuckets.Assign(scores.ToDictionary(s => s.Key, s => s.Value.Score), rules);

        var run = new RiceRun(client, project, rules, context, audit, time);
        foreach (var entry in open)
        {
            if (!await context.KeepAliveAsync(cancellationToken))
            {
                // Another run owns the product now: leave every write, and the state, to it.
                run.Lines.Add($"{project}: stopped, the product's lease was lost");
                return run.Summary([]);
            }

            var needsInputSince = scores[entry.Number].NeedsInput ? entry.NeedsInputSince ?? now : (DateTimeOffset?)null;
            var updated = await run.ApplyAsync(
                entry with { NeedsInputSince = needsInputSince },
                scores[entry.Number],
                buckets[entry.Number],
                RiceReminder.Due(needsInputSince, now, rules),
                cancellationToken);
            if (updated is null)
            {
                book.Remove(entry.Number);
                dirty.Remove(entry.Number);
                await state.DeleteDocumentsAsync(product.Key, RiceEntry.Kind, [RiceEntry.KeyOf(entry.Number)], cancellationToken);

                continue;
            }

            if (updated != entry)
            {
                book[entry.Number] = updated;
                dirty.Add(entry.Number);
                // Saved per issue, so a crash never forgets a comment IssueSync posted.
                await state.SaveDocumentsAsync([updated.ToStored(product.Key, now)], cancellationToken);
                dirty.Remove(entry.Number);
            }
        }

        await state.SaveDocumentsAsync([.. dirty.Select(n => book[n].ToStored(product.Key, now))], cancellationToken);
        await listing.SaveAsync(now, cancellationToken);

        return run.Summary(open.Select(e => book.GetValueOrDefault(e.Number)).OfType<RiceEntry>().ToList());
    }
}
