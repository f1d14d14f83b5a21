using System.Globalization;
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
    public string Name => StepNames.Roadmap;

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
        var rebuildRequest = await documents.ListDocumentsAsync(product.Key, RoadmapIssueState.RebuildRequestKind, cancellationToken);
        var trusted = RoadmapBookStamp.Trusted(await RoadmapBookStamp.LoadAsync(documents, product.Key, cancellationToken), now, rules.FullListEvery);
        var full = trusted is null || rebuildRequest.Count > 0;
        var stamp = trusted ?? new RoadmapBookStamp(RoadmapBookStamp.CurrentSchema, now);
        // RICE's listing of this pass, seen through the roadmap's cursor, unless the roadmap's cursor is further behind (a
        // RICE stage ran without it) or the roadmap lists in full: then it lists by itself.
        var stepState = StepState.For(cursors, documents, context.DryRun); // a dry run reads it and writes nothing
        var listing = await context.Listings.ListAsync(client, project, stepState, ScopeOf(project), time, full, cancellationToken);
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
        var milestonesMayHaveChanged = full || state.Milestones is null;
        var changedByOthers = false;
        foreach (var issue in listing.Changed)
        {
            if (RoadmapText.IsRoadmapOf(issue.Body, product.Key) && (state.Number is null || state.Number == issue.Ref.Number))
            {
                // Ours (also after IssueSync's state was lost, or a human retitled it): never create a second one.
                changedByOthers |= !string.Equals(issue.Body.TrimEnd(), state.Body?.TrimEnd(), StringComparison.Ordinal);
                state = state with { Number = issue.Ref.Number, WebUrl = issue.WebUrl, Body = state.Number is null ? issue.Body : state.Body };
                listedBody = issue.Body;
                book.Remove(issue.Ref.Number);
                continue;
            }

            if (Releases.ReleaseNotesText.IsAnyReleaseNotes(issue.Body))
            {
                // IssueSync's release notes draft is no request: never on the roadmap.
                book.Remove(issue.Ref.Number);
                continue;
            }

            var entry = RoadmapIssue.From(issue);

            // IssueSync's own writes (RICE and board labels) change neither; a human's milestone or state change may
            // come with a milestone edit (a new one, a due date), so then the milestones are read again.
            var known = book.GetValueOrDefault(entry.Number);
            milestonesMayHaveChanged |= known is null
                || known.Milestone != entry.Milestone || known.Open != entry.Open || known.Completed != entry.Completed;
            changedByOthers |= known is null || !IsOwnEcho(known, entry, rules);
            book[issue.Ref.Number] = entry;
        }

        if (milestonesMayHaveChanged)
        {
            state = state with { Milestones = await client.ListMilestonesAsync(product.Public.Path, cancellationToken).ToListAsync(cancellationToken) };
        }

        var roadmap = await BuildAsync(context, rules, book, state, now, cancellationToken);
        var run = new RoadmapRun(client, project, rules, context, audit, time);
        var body = RoadmapText.Render(roadmap, rules);

        // A human edit of the body shows up in the listing: the body is then rewritten even though ours is unchanged.
        var bodyBefore = state.Body;
        state = await run.WriteIssueAsync(state, body, listedBody, cancellationToken);
        roadmap = roadmap with { IssueUrl = state.WebUrl };

        var labelled = await run.LabelAsync(book, roadmap, cancellationToken);
        foreach (var (number, labels) in labelled)
        {
            book[number] = book[number] with { Labels = labels };
        }

        // The board is checked (and repaired) when someone else changed an issue or the roadmap, when the roadmap changed,
        // on every full listing and on a rebuild request; not on a pass that saw only IssueSync's own writes. A list a
        // human deleted with no other change comes back within Roadmap:FullListEvery (or at once with "Rebuild roadmap").
        if (full || changedByOthers || !string.Equals(body, bodyBefore, StringComparison.Ordinal) || !state.LabelsEnsured)
        {
            state = await run.BoardAsync(state, roadmap, boards, cancellationToken);
        }

        // Deleted first: should the save below not happen, the stamp is not renewed and the next run lists in full again.
        if (gone.Count > 0)
        {
            await stepState.DeleteDocumentsAsync(product.Key, RoadmapIssue.Kind, [.. gone.Select(n => n.ToString(CultureInfo.InvariantCulture))], cancellationToken);
        }

        await stepState.SaveDocumentsAsync(
            [
                roadmap.ToStored(now), state.ToStored(product.Key, now), stamp.ToStored(product.Key, now),
                .. book.Values.Select(i => i.ToStored(product.Key, now)),
            ],
            cancellationToken);
        await listing.SaveAsync(now, cancellationToken);
        if (rebuildRequest.Count > 0)
        {
            await stepState.DeleteDocumentsAsync(product.Key, RoadmapIssueState.RebuildRequestKind, [.. rebuildRequest.Select(r => r.Key)], cancellationToken);
        }

        return run.Summary(roadmap, state, full, book.Values.Count(i => i.Confidential));
    }

    /// <summary>
    /// Whether a listed issue differs from the book's entry only as IssueSync's own writes left it: labels outside the
    /// roadmap's scope (RICE's buckets) and nothing else. The roadmap's own labels are in the book as IssueSync wrote them,
    /// so a human's change to one of them is not an echo.
    /// </summary>
    private static bool IsOwnEcho(RoadmapIssue known, RoadmapIssue listed, RoadmapRules rules)
    {
        var prefix = rules.LabelScope + "::";
        IEnumerable<string> Ours(RoadmapIssue issue) => issue.Labels.Where(l => l.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.OrdinalIgnoreCase);
        return known with { Labels = listed.Labels } == listed && Ours(known).SequenceEqual(Ours(listed), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Asks the next roadmap pass of <paramref name="product"/> to list in full, read the milestones and check the board.</summary>
    public static Task RequestRebuildAsync(IDocumentStore documents, string product, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return documents.SaveDocumentsAsync([new StoredDocument(product, RoadmapIssueState.RebuildRequestKind, product, "{}", now)], cancellationToken);
    }

    private async Task<ProductRoadmap> BuildAsync(
        PipelineContext context, RoadmapRules rules, Dictionary<long, RoadmapIssue> book, RoadmapIssueState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var product = context.Product;
        var demand = await DemandDocument.LoadAsync(documents, product.Key, cancellationToken);
        var rice = product.Rice is null ? [] : await RiceEntry.LoadAsync(documents, product.Key, cancellationToken);
        // A feature request in its voting window is not on the roadmap until the lifecycle moves it to the backlog.
        var voting = await Lifecycle.LifecycleEntry.VotingAsync(documents, product.Key, product.Lifecycle, cancellationToken);
        var candidates = book.Values
            .Where(i => i.Number != state.Number && !(i.Open && voting(i.Number, i.Labels)))
            .Select(i =>
            {
                var counted = demand.GetValueOrDefault(new IssueRef(product.Public, i.Number).ToString());
                var up = counted?.Up ?? 0;
                var score = rice.GetValueOrDefault(i.Number) is { State: IssueState.Open, Score.Score: { } s, Bucket: { } b } ? (s, RiceBuckets.ValueOf(b)) : ((double, string)?)null;

                // With RICE on, an open issue without a score (inputs missing, or not scored yet) is ranked nowhere.
                var needsInput = product.Rice is not null && i.Open && score is null;
                return new RoadmapCandidate(i.Number, i.Title, i.WebUrl, i.Open, i.Completed, i.ClosedAt, i.Milestone, up, 0, score?.Item1, score?.Item2, i.Confidential, needsInput)
                {
                    ForumVotes = counted?.Anonymous ?? 0,
                };
            })
            .ToList();
        var roadmap = RoadmapBuilder.Build(product.Key, product.Public.ToString(), state.WebUrl, rules, candidates, state.Milestones ?? [], now);

        // When each Now item entered Now (for the Atom feed): carried from the last roadmap while it stays in Now, so a
        // rebuild does not make an old entry new; an item that left Now and comes back enters again.
        var previous = await ProductRoadmap.LoadAsync(documents, product.Key, cancellationToken);
        var enteredNow = previous?.In(RoadmapSection.Now).Where(i => i.EnteredNowAt is not null).ToDictionary(i => i.Number, i => i.EnteredNowAt!.Value) ?? [];

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
                EnteredNowAt = item.Section == RoadmapSection.Now ? enteredNow.GetValueOrDefault(item.Number, now) : null,
            });
        }

        return roadmap with { Items = items };
    }
}
