using System.Globalization;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Core.Votes;

namespace Sync.Core.Lifecycle;

/// <summary>
/// The "lifecycle" stage: the voting lifecycle of new feature requests (<see cref="LifecycleRules"/>). Runs after the
/// votes step (it reads their demand documents) and before RICE and the roadmap, which leave candidates out until they
/// reach the backlog.
/// </summary>
/// <remarks>
/// The public project is read through the pass's shared incremental listing; every voting or closed candidate is
/// re-evaluated from its document each pass (a window ends without the issue changing), so a pass with nothing due makes
/// no request beyond the listing. Each issue's document is saved right after its writes.
/// </remarks>
public sealed class LifecycleStep(
    ITrackerRegistry trackers,
    ICursorStore cursors,
    IDocumentStore documents,
    IAuditLog audit,
    TimeProvider time,
    Func<ProductDefinition, LifecycleRules?> rulesFor) : IPipelineStep
{
    public string Name => StepNames.Lifecycle;

    public static string ScopeOf(ProjectRef project) => $"lifecycle:{project}";

    public async Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var product = context.Product;
        if (rulesFor(product) is not { } rules)
        {
            return StepResult.Empty;
        }

        var project = product.Public;
        var client = trackers.Get(project.Tracker);
        var state = StepState.For(cursors, documents, context.DryRun); // a dry run reads it and writes nothing
        var now = time.GetUtcNow();
        var since = rules.Since ?? await SinceAsync(documents, state, product.Key, now, cancellationToken);
        var listing = await context.Listings.ListAsync(client, project, state, ScopeOf(project), time, fromScratch: false, cancellationToken);
        var book = await LifecycleEntry.LoadAsync(documents, product.Key, cancellationToken);
        var demand = await DemandDocument.LoadAsync(documents, product.Key, cancellationToken);

        var facts = book.Values.Where(e => e.IsActive).ToDictionary(e => e.Number, e => e.Issue);
        foreach (var issue in listing.Changed)
        {
            if (!book.TryGetValue(issue.Ref.Number, out var known) || known.IsActive)
            {
                facts[issue.Ref.Number] = LifecycleIssue.From(issue);
            }
        }

        var run = new LifecycleRun(client, project, rules, product.Forums.Count > 0, context, audit, time);
        var failures = new List<string>();
        foreach (var (number, issue) in facts.OrderBy(f => f.Key))
        {
            if (!await context.KeepAliveAsync(cancellationToken))
            {
                // Another run owns the product now: leave every write, and the state, to it.
                failures.Add($"stopped: another run took over product '{product.Key}'");
                return Summary(run, book, project, context.DryRun, failures);
            }

            var entry = book.GetValueOrDefault(number);
            var votes = LifecycleVotes.Of(demand.GetValueOrDefault(new IssueRef(project, number).ToString()), entry?.VotingEndsAt ?? now.AddDays(rules.WindowDays));
            var decision = LifecycleDecision.Decide(entry, issue, votes, rules, now, since);
            try
            {
                LifecycleEntry updated;
                if (decision.Action == LifecycleAction.None)
                {
                    if (entry is null || entry.Issue == issue)
                    {
                        continue;
                    }

                    updated = entry with { Issue = issue }; // facts only (often IssueSync's own last write coming back)
                }
                else
                {
                    updated = await run.ApplyAsync(entry, issue, decision, votes, cancellationToken);
                }

                book[number] = updated;
                // Saved per issue, so a crash never forgets a comment IssueSync posted.
                await state.SaveDocumentsAsync([updated.ToStored(product.Key, now)], cancellationToken);
            }
            catch (TrackerNotFoundException) when (entry is not null)
            {
                // Deleted or moved away: nothing left to decide.
                book.Remove(number);
                await state.DeleteDocumentsAsync(product.Key, LifecycleEntry.Kind, [LifecycleEntry.KeyOf(number)], cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add($"failed {new IssueRef(project, number)}: {ex.Message.Split('\n')[0]}");
            }
        }

        await listing.SaveAsync(now, cancellationToken);
        return Summary(run, book, project, context.DryRun, failures);
    }

    /// <summary>When the lifecycle first ran for the product (stored on the first run that is not dry); a dry run before that uses now.</summary>
    private static async Task<DateTimeOffset> SinceAsync(IDocumentStore documents, StepStateView state, string product, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await documents.GetDocumentAsync(product, LifecycleEntry.SinceKind, product, cancellationToken) is { } stored)
        {
            return DateTimeOffset.Parse(stored.Body.Trim('"'), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        }

        await state.SaveDocumentsAsync([new StoredDocument(product, LifecycleEntry.SinceKind, product, $"\"{now.ToString("O", CultureInfo.InvariantCulture)}\"", now)], cancellationToken);
        return now;
    }

    private static StepResult Summary(LifecycleRun run, Dictionary<long, LifecycleEntry> book, ProjectRef project, bool dryRun, List<string> failures)
    {
        var voting = book.Values.Count(e => e.Phase == LifecyclePhase.Voting);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{project}: lifecycle: {voting} voting, {run.Reached} reached, {run.Closed} closed, {run.Reopened} reopened, {run.Stopped} exempted; {run.Started} started, {run.LabelWrites} label change(s), {run.CommentsPosted} comment(s) posted, {run.CommentsEdited} edited{(dryRun ? " (dry run: none made)" : string.Empty)}"),
        };
        lines.AddRange(run.Transitions);
        var metrics = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["lifecycleVoting"] = voting,
            ["lifecycleStarted"] = run.Started,
            ["lifecycleReached"] = run.Reached,
            ["lifecycleClosed"] = run.Closed,
            ["lifecycleReopened"] = run.Reopened,
            ["lifecycleStopped"] = run.Stopped,
            ["lifecycleLabelWrites"] = run.LabelWrites,
            ["lifecycleCommentsPosted"] = run.CommentsPosted,
            ["lifecycleCommentsEdited"] = run.CommentsEdited,
        };
        return new StepResult(lines, metrics) { Failures = failures };
    }
}
