using System.Globalization;
using Sync.Core.Inventory;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Votes;

/// <summary>
/// The "votes" stage: re-counts the demand of the public issues that changed since the last pass (adding or
/// removing an emoji reaction bumps an issue's <c>updated_at</c> on both trackers, so an incremental listing finds
/// exactly the issues whose votes may have changed), stores a snapshot when a count changed, and reports the most
/// wanted issues with their trend. A pass with no change makes no per-issue request.
/// </summary>
/// <remarks>
/// A moved issue's demand is its public voters plus the voters on its private source (the source issue's author is
/// the original author, so their own vote is excluded on both hosts through the identity map). Sources are listed
/// incrementally too, so a vote added on the private side after the move re-counts the public issue.
/// </remarks>
public sealed class VotesStep(
    ITrackerRegistry trackers,
    ICursorStore cursors,
    IVoteHistory history,
    IMoveLedger ledger,
    IDocumentStore documents,
    TimeProvider time,
    Func<ProductDefinition, VoteRules> rulesFor) : IPipelineStep
{
    public string Name => "votes";

    public static string ScopeOf(ProjectRef project) => $"votes:{project}";

    public static string SourceScopeOf(ProjectRef project) => $"votes-source:{project}";

    public async Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken)
    {
        var product = context.Product;
        var rules = rulesFor(product);
        var project = product.Public;
        var client = trackers.Get(project.Tracker);
        var listing = await IncrementalListing.ListAsync(client, project.Path, cursors, ScopeOf(project), cancellationToken);
        var listed = listing.Changed; // the cursor advances over what the listing returned, nothing else
        var changed = listed.ToList();

        // Moved issues: public issue → its private source, and the public issues whose source changed since the last pass.
        var sourceOf = new Dictionary<string, IssueRef>(StringComparer.Ordinal);
        foreach (var move in await ledger.ListMovesAsync(product.Key, cancellationToken))
        {
            if (move.TargetIssue is { } target && IssueRef.TryParse(move.SourceIssue, out var source))
            {
                sourceOf[target] = source!;
            }
        }

        var changedRefs = changed.Select(i => i.Ref.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var number in await ChangedTargetsOfSourcesAsync(context, sourceOf, cancellationToken))
        {
            if (changedRefs.Add(new IssueRef(project, number).ToString()))
            {
                changed.Add(await client.GetIssueAsync(project.Path, number, cancellationToken));
            }
        }

        // Duplicates closed into another issue add their voters to it: remember the relation and re-count the canonical.
        var duplicates = await LoadDuplicatesAsync(product.Key, cancellationToken);
        foreach (var issue in listed)
        {
            var canonical = await CanonicalOfAsync(client, project, issue, cancellationToken);
            var previous = duplicates.TryGetValue(issue.Ref.Number, out var known) ? known : (long?)null;
            if (canonical == previous)
            {
                continue;
            }

            if (canonical is { } c && c != issue.Ref.Number)
            {
                duplicates[issue.Ref.Number] = c;
            }
            else
            {
                duplicates.Remove(issue.Ref.Number);
            }

            foreach (var affected in new[] { canonical, previous })
            {
                if (affected is { } number && changedRefs.Add(new IssueRef(project, number).ToString()))
                {
                    changed.Add(await client.GetIssueAsync(project.Path, number, cancellationToken));
                }
            }
        }

        var now = time.GetUtcNow();
        var counted = new List<(TrackerIssue Issue, DemandSignal Signal)>();
        var demand = new List<StoredDocument>();
        foreach (var issue in changed)
        {
            var duplicatesOfIssue = duplicates.Where(d => d.Value == issue.Ref.Number).Select(d => d.Key).Order().ToList();
            var signal = await CountAsync(client, project, issue, sourceOf.GetValueOrDefault(issue.Ref.ToString()), duplicatesOfIssue, rules, now, cancellationToken);
            counted.Add((issue, signal));
            if (!context.DryRun)
            {
                var snapshot = new VoteSnapshot(product.Key, issue.Ref.ToString(), now, signal.Up, signal.Down, signal.Weighted, signal.UniqueVoters);
                await history.AddVoteSnapshotAsync(snapshot, cancellationToken);
                demand.Add(DemandDocument.From(signal).ToStored(product.Key, issue.Ref.ToString(), now));
            }
        }

        if (!context.DryRun)
        {
            await documents.SaveDocumentsAsync(demand, cancellationToken);
            await SaveDuplicatesAsync(product.Key, duplicates, now, cancellationToken);
            await listing.SaveAsync(now, cancellationToken);
        }

        var lines = new List<string> { $"{project}: {changed.Count} issue(s) re-counted" };

        // Not yet re-counted on their own: the incremental listing finds them by their bumped update time.
        var requested = RequestedIssues.In(context, [project]);
        if (requested.Count > 0)
        {
            lines.Add(RequestedIssues.Line(requested));
        }

        foreach (var (issue, signal) in counted.Where(c => c.Issue.State == IssueState.Open).OrderByDescending(c => c.Signal.Weighted).ThenBy(c => c.Issue.Ref.Number).Take(5))
        {
            lines.Add(await DescribeAsync(product.Key, issue, signal, now, cancellationToken));
        }

        var metrics = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["recounted"] = changed.Count,
        };
        if (requested.Count > 0)
        {
            metrics[RequestedIssues.Metric] = requested.Count;
        }

        return new StepResult(lines, metrics);
    }

    /// <summary>Public issue numbers whose private source changed since the last pass (sources listed incrementally).</summary>
    private async Task<List<long>> ChangedTargetsOfSourcesAsync(PipelineContext context, Dictionary<string, IssueRef> sourceOf, CancellationToken cancellationToken)
    {
        var targetOf = sourceOf.ToDictionary(p => p.Value.ToString(), p => IssueRef.Parse(p.Key).Number, StringComparer.Ordinal);
        var numbers = new List<long>();
        foreach (var sourceRule in context.Product.Sources)
        {
            var listing = await IncrementalListing.ListAsync(
                trackers.Get(sourceRule.Project.Tracker), sourceRule.Project.Path, cursors, SourceScopeOf(sourceRule.Project), cancellationToken);

            // On the first pass every public issue is counted anyway.
            if (listing.Cursor is not null)
            {
                numbers.AddRange(listing.Changed.Where(i => targetOf.ContainsKey(i.Ref.ToString())).Select(i => targetOf[i.Ref.ToString()]));
            }

            if (!context.DryRun)
            {
                await listing.SaveAsync(time.GetUtcNow(), cancellationToken);
            }
        }

        return numbers;
    }

    private async Task<DemandSignal> CountAsync(
        ITrackerClient client,
        ProjectRef project,
        TrackerIssue issue,
        IssueRef? movedFrom,
        IReadOnlyList<long> duplicatesOfIssue,
        VoteRules rules,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var reactions = await ReactionsAsync(client, project, issue.Ref.Number, cancellationToken);
        var additional = new List<VoteSource>();
        foreach (var duplicate in duplicatesOfIssue)
        {
            additional.Add(new VoteSource(project.Tracker, await ReactionsAsync(client, project, duplicate, cancellationToken)));
        }

        List<TrackerReaction>? commentReactions = null;
        if (rules.CountCommentVotes)
        {
            commentReactions = [];
            foreach (var comment in await client.ListCommentsAsync(project.Path, issue.Ref.Number, cancellationToken).ToListAsync(cancellationToken))
            {
                if (!comment.System && !comment.Internal)
                {
                    commentReactions.AddRange(await client.ListCommentReactionsAsync(project.Path, issue.Ref.Number, comment.Id, cancellationToken).ToListAsync(cancellationToken));
                }
            }
        }

        var votes = new IssueVotes(project.Tracker, issue.Author.Username, reactions, commentReactions, additional);
        if (movedFrom is not null && await ReadSourceAsync(movedFrom, cancellationToken) is { } source)
        {
            // The source is the original: its author's vote is excluded, the public voters are merged in by identity.
            votes = new IssueVotes(movedFrom.Project.Tracker, source.Author, source.Reactions, Additional: [.. votes.Sources()]);
        }

        return VoteTally.Count(votes, rules, now);
    }

    private static async Task<List<TrackerReaction>> ReactionsAsync(ITrackerClient client, ProjectRef project, long number, CancellationToken cancellationToken)
    {
        return await client.ListIssueReactionsAsync(project.Path, number, cancellationToken).ToListAsync(cancellationToken);
    }

    /// <summary>The issue a closed duplicate points at (GitLab: its link; GitHub: its "Duplicate of #N" comment), or null.</summary>
    private static async Task<long?> CanonicalOfAsync(ITrackerClient client, ProjectRef project, TrackerIssue issue, CancellationToken cancellationToken)
    {
        if (issue.State != IssueState.Closed)
        {
            return null;
        }

        if (client.Kind == TrackerKind.GitLab)
        {
            return Duplicates.FromLink(issue.DuplicateOf);
        }

        if (!string.Equals(issue.StateReason, "duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Duplicates.FromComments(await client.ListCommentsAsync(project.Path, issue.Ref.Number, cancellationToken).ToListAsync(cancellationToken));
    }

    private static string DuplicatesKey(string product) => $"votes-duplicates:{product}";

    /// <summary>Duplicate → canonical numbers of the public project, kept as one small document in the cursor store.</summary>
    private async Task<Dictionary<long, long>> LoadDuplicatesAsync(string product, CancellationToken cancellationToken)
    {
        var stored = await cursors.GetCachedResponseAsync(DuplicatesKey(product), cancellationToken);
        return stored is null
            ? []
            : System.Text.Json.JsonSerializer.Deserialize<Dictionary<long, long>>(stored.Body) ?? [];
    }

    private Task SaveDuplicatesAsync(string product, Dictionary<long, long> duplicates, DateTimeOffset now, CancellationToken cancellationToken) =>
        cursors.SaveCachedResponseAsync(
            new CachedResponse(DuplicatesKey(product), string.Empty, System.Text.Json.JsonSerializer.Serialize(duplicates), now),
            cancellationToken);

    /// <summary>
    /// The source's author and reactions. While the source is readable they are read and kept; once it is gone or
    /// hidden, the last reading stands, so a moved issue never loses the demand it brought along.
    /// </summary>
    private async Task<(string Author, List<TrackerReaction> Reactions)?> ReadSourceAsync(IssueRef source, CancellationToken cancellationToken)
    {
        var key = $"votes-source:{source}";
        var client = trackers.Get(source.Project.Tracker);
        try
        {
            var issue = await client.GetIssueAsync(source.Project.Path, source.Number, cancellationToken);
            var reactions = await ReactionsAsync(client, source.Project, source.Number, cancellationToken);

            var reading = new SourceReading(issue.Author.Username, reactions);
            await cursors.SaveCachedResponseAsync(new CachedResponse(key, string.Empty, System.Text.Json.JsonSerializer.Serialize(reading), time.GetUtcNow()), cancellationToken);
            return (reading.Author, reactions);
        }
        catch (Exception ex) when (ex is TrackerNotFoundException or TrackerForbiddenException)
        {
            var kept = await cursors.GetCachedResponseAsync(key, cancellationToken);
            return kept is not null && System.Text.Json.JsonSerializer.Deserialize<SourceReading>(kept.Body) is { } last
                ? (last.Author, [.. last.Reactions])
                : null;
        }
    }

    private sealed record SourceReading(string Author, List<TrackerReaction> Reactions);

    private async Task<string> DescribeAsync(string product, TrackerIssue issue, DemandSignal signal, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var week = await ChangeAsync(product, issue, signal, now, 7, cancellationToken);
        var month = await ChangeAsync(product, issue, signal, now, 30, cancellationToken);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"#{issue.Ref.Number} {Shorten(issue.Title)}: 👍 {signal.Up} 👎 {signal.Down}, {signal.UniqueVoters} voter(s), {signal.Recent.Up} in the window; 7 d {week.Up:+0;-0;0}, 30 d {month.Up:+0;-0;0}");
    }

    private async Task<VoteChange> ChangeAsync(string product, TrackerIssue issue, DemandSignal signal, DateTimeOffset now, int days, CancellationToken cancellationToken)
    {
        var then = await history.GetVoteSnapshotAtAsync(product, issue.Ref.ToString(), now.AddDays(-days), cancellationToken);
        return VoteTrend.Change(then is null ? [] : [then], signal, now, days);
    }

    private static string Shorten(string title) => title.Length <= 60 ? title : title[..59] + "…";
}
