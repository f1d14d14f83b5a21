using System.Globalization;
using Sync.Core.Inventory;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Rice;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Core.Votes;

namespace Sync.Core.Roadmap;

/// <summary>
/// The "roadmap" stage: rebuilds the product's roadmap from the public issues, their demand and RICE scores and the
/// milestones; keeps one roadmap issue (found by its marker, updated in place, written only when its text changed),
/// one board label per issue on the roadmap, the GitLab board or the GitHub Projects v2 board, and the document
/// /direction serves. Confidential issues of the public project (listed because IssueSync's token is a member) are
/// on none of these: the builder leaves them out and their board labels are removed.
/// </summary>
public sealed class RoadmapStep(
    ITrackerRegistry trackers,
    ICursorStore cursors,
    IDocumentStore documents,
    IVoteHistory history,
    IAuditLog audit,
    IProjectBoards boards,
    TimeProvider time,
    Func<ProductDefinition, RoadmapRules?> rulesFor) : IPipelineStep
{
    public string Name => "roadmap";

    public static string ScopeOf(ProjectRef project) => $"roadmap:{project}";

    public async Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken)
    {
        var product = context.Product;
        if (rulesFor(product) is not { } rules)
        {
            return StepResult.Empty;
        }

        var project = product.Public;
        var client = trackers.Get(project.Tracker);
        var now = time.GetUtcNow();

        // A book kept by an older version lacks the confidential flag, and its cursor would hide issues made
        // confidential before the upgrade: such a book is rebuilt from a full listing (and so, now and then, is any).
        var trusted = RoadmapBookStamp.Trusted(await RoadmapBookStamp.LoadAsync(documents, product.Key, cancellationToken), now, rules.FullListEvery);
        var full = trusted is null;
        var stamp = trusted ?? new RoadmapBookStamp(RoadmapBookStamp.CurrentSchema, now);
        var listing = await IncrementalListing.ListAsync(client, project.Path, cursors, ScopeOf(project), full, cancellationToken);
        var book = await RoadmapIssue.LoadAsync(documents, product.Key, cancellationToken);
        var state = await RoadmapIssueState.LoadAsync(documents, product.Key, cancellationToken);
        List<long> gone = [];
        if (full)
        {
            // A full listing is the whole truth: an entry it did not return is of a deleted (or no longer visible) issue.
            var listed = listing.Changed.Select(i => i.Ref.Number).ToHashSet();
            gone = [.. book.Keys.Where(n => !listed.Contains(n)).Order()];
            gone.ForEach(n => book.Remove(n));
        }

        string? listedBody = null;
        foreach (var issue in listing.Changed)
        {
            if (RoadmapText.IsRoadmapOf(issue.Body, product.Key) && (state.Number is null || state.Number == issue.Ref.Number))
            {
                // Ours (also after IssueSync's state was lost, or a human retitled it): never create a second one.
                state = state with { Number = issue.Ref.Number, WebUrl = issue.WebUrl, Body = state.Number is null ? issue.Body : state.Body };
                listedBody = issue.Body;
                book.Remove(issue.Ref.Number);
                continue;
            }

            book[issue.Ref.Number] = RoadmapIssue.From(issue);
        }

        var roadmap = await BuildAsync(context, rules, client, book, state, now, cancellationToken);
        var run = new RoadmapRun(client, project, rules, context, audit, time);
        var body = RoadmapText.Render(roadmap, rules);

        // A human edit of the body shows up in the listing: the body is then rewritten even though ours is unchanged.
        state = await run.WriteIssueAsync(state, body, listedBody, cancellationToken);
        roadmap = roadmap with { IssueUrl = state.WebUrl };

        var labelled = await run.LabelAsync(book, roadmap, cancellationToken);
        foreach (var (number, labels) in labelled)
        {
            book[number] = book[number] with { Labels = labels };
        }

        state = await run.BoardAsync(state, roadmap, boards, cancellationToken);

        if (!context.DryRun)
        {
            // Deleted first: should the save below not happen, the stamp is not renewed and the next run lists in full again.
            if (gone.Count > 0)
            {
                await documents.DeleteDocumentsAsync(product.Key, RoadmapIssue.Kind, [.. gone.Select(n => n.ToString(CultureInfo.InvariantCulture))], cancellationToken);
            }

            await documents.SaveDocumentsAsync(
                [
                    roadmap.ToStored(now), state.ToStored(product.Key, now), stamp.ToStored(product.Key, now),
                    .. book.Values.Select(i => i.ToStored(product.Key, now)),
                ],
                cancellationToken);
            await listing.SaveAsync(now, cancellationToken);
        }

        return run.Summary(roadmap, state, full, book.Values.Count(i => i.Confidential));
    }

    private async Task<ProductRoadmap> BuildAsync(
        PipelineContext context, RoadmapRules rules, ITrackerClient client, Dictionary<long, RoadmapIssue> book, RoadmapIssueState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var product = context.Product;
        var demand = await DemandDocument.LoadAsync(documents, product.Key, cancellationToken);
        var rice = product.Rice is null ? [] : await RiceEntry.LoadAsync(documents, product.Key, cancellationToken);
        var candidates = book.Values
            .Where(i => i.Number != state.Number)
            .Select(i =>
            {
                var up = demand.GetValueOrDefault(new IssueRef(product.Public, i.Number).ToString())?.Up ?? 0;
                var score = rice.GetValueOrDefault(i.Number) is { State: IssueState.Open, Score.Score: { } s, Bucket: { } b } ? (s, RiceBuckets.ValueOf(b)) : ((double, string)?)null;
                return new RoadmapCandidate(i.Number, i.Title, i.WebUrl, i.Open, i.Completed, i.ClosedAt, i.Milestone, up, 0, score?.Item1, score?.Item2, i.Confidential);
            })
            .ToList();
        var milestones = await client.ListMilestonesAsync(product.Public.Path, cancellationToken).ToListAsync(cancellationToken);
        var roadmap = RoadmapBuilder.Build(product.Key, product.Public.ToString(), state.WebUrl, rules, candidates, milestones, now);

        // The weekly change only for what is shown: one history lookup per item, none for the issues left off. Titles
        // and milestone names go out again (the roadmap issue, /direction): they get the product's redaction first.
        var redact = Publishing.PublicWriteGuards.PlainRedaction(product, trackers);
        var items = new List<RoadmapItem>(roadmap.Items.Count);
        foreach (var item in roadmap.Items)
        {
            var issue = new IssueRef(product.Public, item.Number).ToString();
            var weekAgo = await history.GetVoteSnapshotAtAsync(product.Key, issue, now.AddDays(-7), cancellationToken);
            items.Add(item with
            {
                UpChange = weekAgo is null ? 0 : item.Up - weekAgo.Up,
                Title = redact(item.Title),
                Milestone = item.Milestone is null ? null : redact(item.Milestone),
            });
        }

        return roadmap with { Items = items };
    }
}
