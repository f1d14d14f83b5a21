using System.Globalization;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Votes;

/// <summary>
/// The "votes" stage: finds the public issues whose votes may have changed and re-counts only those, stores a snapshot
/// of each count and reports the most wanted issues with their trend.
/// </summary>
/// <remarks>
/// A reaction does not bump an issue's <c>updated_at</c> on either tracker (GitLab's award never touches the issue;
/// GitHub documents no bump), so changes are found from the votes themselves: one bulk read of the open public issues'
/// vote signals a pass (<see cref="ITrackerClient.ListVoteSignalsAsync"/>: GitHub's <c>reactions</c> rollups through
/// conditional requests, free when nothing changed; GitLab's award lists through GraphQL), compared with what the last
/// pass saw (<see cref="VoteSignalBook"/>). The same for the private sources of moved issues and for duplicates closed
/// into an open one. An issue that left the open listing was closed: it is read once to learn whether it became a
/// duplicate. IssueSync's own writes (labels, comments) change no signal, so they cause no re-count. Issues a trigger
/// named (a GitLab <c>Emoji Hook</c>, a maintainer's request) are re-counted whatever their signal says, and every
/// issue is re-counted now and then (<see cref="VoteRules.FullRecountEvery"/>, or a maintainer's full resync), so
/// nothing can drift forever.
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
    public string Name => StepNames.Votes;

    public static string ScopeOf(ProjectRef project) => $"votes:{project}";

    public async Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var product = context.Product;
        var rules = rulesFor(product);
        var project = product.Public;
        var client = trackers.Get(project.Tracker);
        var now = time.GetUtcNow();
        var state = StepState.For(cursors, documents, history, context.DryRun);
        var book = await VoteSignalBook.LoadAsync(documents, product.Key, cancellationToken);
        var fullRequest = await state.ListDocumentsAsync(product.Key, VoteSignalBook.FullRequestKind, cancellationToken);
        var duplicates = await DuplicateMap.LoadAsync(state, product.Key, cancellationToken);

        // No duplicate map yet (a new product, or one kept before duplicates were resolved with their project, which may
        // have credited a same-numbered issue of this project): a full pass rebuilds it.
        var full = book.LastFull is not { } last || now - last >= rules.FullRecountEvery || fullRequest.Count > 0 || duplicates is null;
        duplicates ??= [];
        var pass = new VotePass(project, book, full);

        // 1. The open public issues, in one bulk read.
        await foreach (var signal in client.ListVoteSignalsAsync(project.Path, new VoteSignalQuery(IssueStateFilter.Open, null, rules.CountCommentVotes), cancellationToken))
        {
            pass.Listed(signal);
        }

        // 2. Issues gone from the open listing were closed (or deleted): closed as a duplicate, their voters go to the canonical.
        var sourceOf = await SourcesOfAsync(product.Key, project, cancellationToken);
        var elsewhere = new SortedDictionary<long, IssueRef>();
        foreach (var number in book.Open.Where(n => !pass.Signals.ContainsKey(n)).Order())
        {
            TrackerIssue? closed = null;
            try
            {
                closed = await client.GetIssueAsync(project.Path, number, cancellationToken);
            }
            catch (TrackerNotFoundException)
            {
                // Deleted or transferred: its demand stays as last counted.
            }

            var canonical = closed is null ? null : await Duplicates.CanonicalOfAsync(client, project, closed, cancellationToken);
            pass.Redirect(duplicates, number, Duplicates.PublicNumberOf(canonical, project, sourceOf, number, elsewhere));
        }

        // On a full pass, also the issues closed as duplicates that no pass saw close (closed before IssueSync counted
        // this project, or while its state was lost): one listing of the closed issues; only a duplicate not yet known
        // is read further (GitLab: the canonical's project when it is another one; GitHub: its timeline or comments).
        if (full)
        {
            await foreach (var closed in client.ListIssuesAsync(project.Path, new IssueQuery(IssueStateFilter.Closed), cancellationToken))
            {
                var duplicate = closed.DuplicateOf is not null || string.Equals(closed.StateReason, "duplicate", StringComparison.OrdinalIgnoreCase);
                if (duplicate && !duplicates.ContainsKey(closed.Ref.Number))
                {
                    var canonical = await Duplicates.CanonicalOfAsync(client, project, closed, cancellationToken);
                    pass.Redirect(duplicates, closed.Ref.Number, Duplicates.PublicNumberOf(canonical, project, sourceOf, closed.Ref.Number, elsewhere));
                }
            }
        }

        // A duplicate reopened is no longer one.
        foreach (var reopened in duplicates.Keys.Where(pass.Signals.ContainsKey).ToList())
        {
            pass.Redirect(duplicates, reopened, null);
        }

        // 3. The closed duplicates' own votes, and 4. the moved issues' private sources: read in bulk by number.
        var duplicateSignals = (await ReadByNumberAsync(client, project, duplicates.Keys, duplicates, pass, cancellationToken))
            .ToDictionary(p => p.Key.Number, p => p.Value);
        // The issues the voting lifecycle closed as not planned stay counted: their late votes can reopen them.
        var lateNumbers = (await Lifecycle.LifecycleEntry.ClosedNumbersAsync(documents, product.Key, cancellationToken))
            .Where(n => !pass.Signals.ContainsKey(n) && !duplicates.ContainsKey(n)).ToList();
        var lateSignals = (await ReadByNumberAsync(client, project, lateNumbers, lateNumbers.ToDictionary(n => n), pass, cancellationToken))
            .ToDictionary(p => p.Key.Number, p => p.Value);
        var sourceSignals = new Dictionary<IssueRef, IssueVoteSignal>();
        var targetOf = sourceOf.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Min(p => p.Key));
        foreach (var group in sourceOf.Values.Distinct().GroupBy(s => s.Project))
        {
            var recountOf = group.ToDictionary(s => s.Number, s => targetOf[s]);
            try
            {
                foreach (var (source, signal) in await ReadByNumberAsync(trackers.Get(group.Key.Tracker), group.Key, recountOf.Keys, recountOf, pass, cancellationToken))
                {
                    sourceSignals[source] = signal;
                }
            }
            catch (Exception ex) when (ex is TrackerNotFoundException or TrackerForbiddenException)
            {
                // The private project is gone or hidden from IssueSync: its moved issues keep the demand last read.
            }
        }

        // 5. What a trigger named, whatever its signal says (an Emoji Hook is the fast path for one issue).
        var requested = RequestedIssues.In(context, [project, .. product.Sources.Select(s => s.Project)]);
        // Only GitLab sends a webhook for a vote (Emoji Hook; GitHub has no reaction event), so only a GitLab issue named
        // by a trigger is re-counted at once (its award names may hide a swap of voters). Only open public issues: a
        // closed one was handled above, and a number a delivery named may not exist at all.
        foreach (var issue in requested.Where(i => TrackerTraits.For(trackers.Get(i.Project.Tracker).Kind).VoteWebhooks))
        {
            var number = issue.Project == project ? issue.Number : targetOf.GetValueOrDefault(issue);
            if (pass.Signals.ContainsKey(number))
            {
                pass.Recount(number);
            }
        }

        // 6. Re-count what changed.
        var counter = new VoteCounter(trackers, state, product.Key, time, rules);
        var counted = new List<(long Number, string Title, bool Open, DemandSignal Signal)>();
        var saved = new List<StoredDocument>();
        foreach (var number in pass.ToRecount.Order())
        {
            var open = pass.Signals.ContainsKey(number);
            var signal = pass.Signals.GetValueOrDefault(number) ?? lateSignals.GetValueOrDefault(number);
            var issueDuplicates = duplicates.Where(d => d.Value == number).Select(d => d.Key).Order().ToList();
            var source = sourceOf.GetValueOrDefault(number);
            string title;
            DemandSignal demand;
            IssueVotes votes;
            try
            {
                (title, demand, votes) = await counter.CountAsync(
                    client, project, number, signal, issueDuplicates.Select(d => (d, duplicateSignals.GetValueOrDefault(d))).ToList(),
                    source is null ? null : (source, sourceSignals.GetValueOrDefault(source)), now, cancellationToken);
            }
            catch (TrackerNotFoundException) when (!open)
            {
                // A closed issue deleted since (a duplicate's canonical, say): its demand stays as last counted.
                continue;
            }

            counted.Add((number, title, open, demand));
            var issue = new IssueRef(project, number).ToString();
            if (demand.UniqueVoters > 0 && await history.GetVoteSnapshotAtAsync(product.Key, issue, now, cancellationToken) is null)
            {
                // Counted for the first time: its history so far, from when its present reactions were given.
                foreach (var past in PastSnapshots(product.Key, issue, votes, rules, now))
                {
                    await state.AddVoteSnapshotAsync(past, cancellationToken);
                }
            }

            await state.AddVoteSnapshotAsync(new VoteSnapshot(product.Key, issue, now, demand.Up, demand.Down, demand.Weighted, demand.UniqueVoters), cancellationToken);
            saved.Add(DemandDocument.From(demand).ToStored(product.Key, issue, now));
        }

        // Through the step state: a dry run writes none of it.
        saved.Add(pass.NextBook(now).ToStored(product.Key, now));
        await state.SaveDocumentsAsync(saved, cancellationToken);
        await DuplicateMap.SaveAsync(state, product.Key, duplicates, now, cancellationToken);
        if (fullRequest.Count > 0)
        {
            await state.DeleteDocumentsAsync(product.Key, VoteSignalBook.FullRequestKind, [.. fullRequest.Select(r => r.Key)], cancellationToken);
        }

        return await Summarize(product.Key, project, pass, requested, counted, elsewhere, now, cancellationToken);
    }

    /// <summary>Asks the next votes pass of <paramref name="product"/> to re-count every issue (the dashboard's full resync).</summary>
    public static Task RequestFullRecountAsync(IDocumentStore documents, string product, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return documents.SaveDocumentsAsync([new StoredDocument(product, VoteSignalBook.FullRequestKind, product, "{}", now)], cancellationToken);
    }

    /// <summary>
    /// The signals of some issues of <paramref name="project"/> (closed duplicates, moved issues' sources), read in bulk by
    /// number: an issue whose signal changed has the public issue <paramref name="recountOf"/> names re-counted.
    /// </summary>
    private static async Task<Dictionary<IssueRef, IssueVoteSignal>> ReadByNumberAsync(
        ITrackerClient client, ProjectRef project, IEnumerable<long> numbers, Dictionary<long, long> recountOf, VotePass pass, CancellationToken cancellationToken)
    {
        var wanted = numbers.ToList();
        var signals = new Dictionary<IssueRef, IssueVoteSignal>();
        if (wanted.Count == 0)
        {
            return signals;
        }

        await foreach (var signal in client.ListVoteSignalsAsync(project.Path, new VoteSignalQuery(IssueStateFilter.All, wanted), cancellationToken))
        {
            if (!recountOf.TryGetValue(signal.Number, out var target))
            {
                continue; // not asked for
            }

            var issue = new IssueRef(project, signal.Number);
            signals[issue] = signal;
            if (pass.Book.Changed(issue, signal))
            {
                pass.Recount(target);
            }

            pass.Seen(issue, signal);
        }

        return signals;
    }

    /// <summary>Public issue number → its private source, for moves whose copy exists.</summary>
    private async Task<Dictionary<long, IssueRef>> SourcesOfAsync(string product, ProjectRef project, CancellationToken cancellationToken)
    {
        var sourceOf = new Dictionary<long, IssueRef>();
        foreach (var move in await ledger.ListMovesAsync(product, cancellationToken))
        {
            if (move.TargetIssue is { } target && IssueRef.TryParse(target, out var copy) && copy!.Project == project
                && IssueRef.TryParse(move.SourceIssue, out var source))
            {
                sourceOf[copy.Number] = source!;
            }
        }

        return sourceOf;
    }

    private async Task<StepResult> Summarize(
        string product,
        ProjectRef project,
        VotePass pass,
        IReadOnlyList<IssueRef> requested,
        List<(long Number, string Title, bool Open, DemandSignal Signal)> counted,
        SortedDictionary<long, IssueRef> elsewhere,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{project}: {pass.Signals.Count} open issue(s) read, {counted.Count} re-counted{(pass.Full ? " (full re-count)" : string.Empty)}"),
        };
        if (requested.Count > 0)
        {
            lines.Add(RequestedIssues.Line(requested));
        }

        foreach (var (duplicate, canonical) in elsewhere)
        {
            lines.Add($"#{duplicate} was closed as a duplicate of {canonical}, which this product does not count: its votes stay with it");
        }

        foreach (var (number, title, _, signal) in counted.Where(c => c.Open).OrderByDescending(c => c.Signal.Weighted).ThenBy(c => c.Number).Take(5))
        {
            var issue = new IssueRef(project, number).ToString();
            var week = await ChangeAsync(product, issue, signal, now, 7, cancellationToken);
            var month = await ChangeAsync(product, issue, signal, now, 30, cancellationToken);
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"#{number} {Shorten(title)}: 👍 {signal.Up} 👎 {signal.Down}, {signal.UniqueVoters} voter(s){(signal.Anonymous > 0 ? $" {Roadmap.RoadmapText.FromTheForum(signal.Anonymous)}" : string.Empty)}, {signal.Recent.Up} in the window; 7 d {week.Up:+0;-0;0}, 30 d {month.Up:+0;-0;0}"));
        }

        var metrics = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["recounted"] = counted.Count,
            ["signalsRead"] = pass.Signals.Count,
        };
        if (requested.Count > 0)
        {
            metrics[RequestedIssues.Metric] = requested.Count;
        }

        return new StepResult(lines, metrics);
    }

    private async Task<VoteChange> ChangeAsync(string product, string issue, DemandSignal signal, DateTimeOffset now, int days, CancellationToken cancellationToken)
    {
        var then = await history.GetVoteSnapshotAtAsync(product, issue, now.AddDays(-days), cancellationToken);
        return VoteTrend.Change(then is null ? [] : [then], signal, now, days);
    }

    /// <summary>How far back the history of an issue counted for the first time is read from its reactions, a point a week.</summary>
    public const int PastWeeks = 13;

    /// <summary>
    /// Weekly snapshots of an issue counted for the first time, oldest first, each the tally of the reactions given by
    /// then (a reaction removed since is not known), only where the counts change, so a trend is real from the first
    /// pass rather than flat until snapshots accumulate.
    /// </summary>
    public static IReadOnlyList<VoteSnapshot> PastSnapshots(string product, string issue, IssueVotes votes, VoteRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(votes);
        var past = new List<VoteSnapshot>(PastWeeks);
        for (var week = PastWeeks; week >= 1; week--)
        {
            var at = now.AddDays(-7 * week);
            var then = VoteTally.Count(votes.AsOf(at), rules, at);
            var snapshot = new VoteSnapshot(product, issue, at, then.Up, then.Down, then.Weighted, then.UniqueVoters);
            if (past.Count == 0 || past[^1] with { TakenAt = at } != snapshot)
            {
                past.Add(snapshot);
            }
        }

        return past;
    }

    private static string Shorten(string title) => title.Length <= 60 ? title : title[..59] + "…";
}
